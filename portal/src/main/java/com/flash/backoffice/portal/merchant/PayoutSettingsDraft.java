package com.flash.backoffice.portal.merchant;

import java.math.BigDecimal;

/** The merchant's payout settings as typed: the auto-approval limit in BTC and the contact e-mail (optional). */
public record PayoutSettingsDraft(BigDecimal autoApproveBelowBtc, String contactEmail) {}
