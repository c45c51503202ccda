package com.flash.backoffice.db.merchant;

public enum PayoutSchedule {
    MANUAL,
    DAILY,
    WEEKLY,
    MONTHLY
}
