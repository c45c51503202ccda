package com.flash.backoffice.portal.mail;

import java.util.regex.Pattern;

/** What Flash accepts as an e-mail address wherever staff type one (report recipients, a merchant's contact). */
public final class EmailAddresses {

    public static final int MAX_LENGTH = 254;

    /** A plain addr-spec with a dotted domain: no quoted local parts, comments or display names. */
    private static final Pattern ADDRESS =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private EmailAddresses() {}

    public static boolean isValid(String address) {
        return address != null
                && address.length() <= MAX_LENGTH
                && ADDRESS.matcher(address).matches();
    }
}
