package com.flash.backoffice.portal.settlement;

import java.time.LocalDate;

/** A backfill as audited: the UTC days asked for and how many periods they hold. */
record BackfillRequest(LocalDate from, LocalDate to, int periods) {}
