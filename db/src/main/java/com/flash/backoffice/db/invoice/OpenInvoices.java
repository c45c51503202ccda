package com.flash.backoffice.db.invoice;

import java.time.Instant;

/** How many invoices are open, and when the first of them expires (null when none is open). */
public record OpenInvoices(int count, Instant firstExpiry) {}
