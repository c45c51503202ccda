package com.flash.backoffice.workflows.bitcoin;

/** The node knows no such transaction (neither in its mempool nor, with a transaction index, in a block). */
public class TransactionNotFoundException extends BitcoinNodeException {

    public TransactionNotFoundException(String txid, Throwable cause) {
        super("no transaction " + txid + " on the node", cause);
    }
}
