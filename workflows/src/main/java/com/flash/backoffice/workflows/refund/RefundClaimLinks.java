package com.flash.backoffice.workflows.refund;

/** Where the public claim page of a refund lives (the portal knows its own address). */
public interface RefundClaimLinks {

    String claimPage(String claimToken);
}
