package com.flash.backoffice.portal.webhook.api;

/** Greenfield's webhook delivery: status Pending (not yet attempted), HttpSuccess, HttpError or Failed. */
record DeliveryData(String id, long timestamp, Integer httpCode, String errorMessage, String status, boolean pruned) {}
