package com.flash.backoffice.workflows.card;

/** How a tap's payment ended: paid (with its routing fee and preimage), or not, with the reason. */
public record CardTapResult(long tapId, boolean paid, long feeMsat, String proof, String failure) {}
