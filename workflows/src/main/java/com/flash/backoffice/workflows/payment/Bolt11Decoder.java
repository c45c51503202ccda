package com.flash.backoffice.workflows.payment;

/**
 * Decodes a BOLT11 invoice into what LUD-06 checks. Wired to the Lightning node's own decoder (LND DecodePayReq),
 * which also refuses an invoice of another network; any exception means "cannot be decoded".
 */
@FunctionalInterface
public interface Bolt11Decoder {

    DecodedBolt11 decode(String bolt11);
}
