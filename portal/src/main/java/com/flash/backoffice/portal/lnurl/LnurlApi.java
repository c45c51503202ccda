package com.flash.backoffice.portal.lnurl;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a controller that wallets, cards or their apps call (LNURL, Bolt Card): its errors get LUD-03 bodies. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface LnurlApi {}
