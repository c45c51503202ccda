package com.flash.backoffice.db.invoice;

import com.flash.backoffice.db.jooq.enums.InvoiceEventAdditionalStatus;
import com.flash.backoffice.db.jooq.enums.InvoiceEventStatus;
import com.flash.backoffice.db.jooq.enums.InvoicePaymentMethod;
import com.flash.backoffice.db.jooq.enums.InvoicePaymentStatus;
import com.flash.backoffice.db.jooq.enums.InvoiceSpeedPolicy;
import com.flash.backoffice.db.merchant.SpeedPolicy;

/** Maps the domain enums to jOOQ's generated column enums (same constant names) and back. */
final class InvoiceColumns {

    private InvoiceColumns() {}

    static com.flash.backoffice.db.jooq.enums.InvoiceStatus status(InvoiceStatus status) {
        return com.flash.backoffice.db.jooq.enums.InvoiceStatus.valueOf(status.name());
    }

    static InvoiceStatus status(Enum<?> column) {
        return InvoiceStatus.valueOf(column.name());
    }

    static com.flash.backoffice.db.jooq.enums.InvoiceAdditionalStatus additional(InvoiceAdditionalStatus status) {
        return com.flash.backoffice.db.jooq.enums.InvoiceAdditionalStatus.valueOf(status.name());
    }

    static InvoiceAdditionalStatus additional(Enum<?> column) {
        return InvoiceAdditionalStatus.valueOf(column.name());
    }

    static InvoiceEventStatus eventStatus(InvoiceStatus status) {
        return InvoiceEventStatus.valueOf(status.name());
    }

    static InvoiceEventAdditionalStatus eventAdditional(InvoiceAdditionalStatus status) {
        return InvoiceEventAdditionalStatus.valueOf(status.name());
    }

    static InvoiceSpeedPolicy speedPolicy(SpeedPolicy policy) {
        return InvoiceSpeedPolicy.valueOf(policy.name());
    }

    static SpeedPolicy speedPolicy(InvoiceSpeedPolicy column) {
        return SpeedPolicy.valueOf(column.name());
    }

    static InvoicePaymentMethod method(PaymentMethod method) {
        return InvoicePaymentMethod.valueOf(method.name());
    }

    static PaymentMethod method(InvoicePaymentMethod column) {
        return PaymentMethod.valueOf(column.name());
    }

    static InvoicePaymentStatus paymentStatus(PaymentStatus status) {
        return InvoicePaymentStatus.valueOf(status.name());
    }

    static PaymentStatus paymentStatus(InvoicePaymentStatus column) {
        return PaymentStatus.valueOf(column.name());
    }
}
