package com.flash.backoffice.workflows.lightning;

/** A running subscription to settled invoices; closing it stops the deliveries. */
public interface LightningSubscription extends AutoCloseable {

    /** False once closed, or once the node ended the stream (the subscriber subscribes again from its cursor). */
    boolean isActive();

    @Override
    void close();
}
