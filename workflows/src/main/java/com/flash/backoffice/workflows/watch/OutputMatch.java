package com.flash.backoffice.workflows.watch;

import com.flash.backoffice.db.chain.WatchedAddress;
import com.flash.backoffice.workflows.bitcoin.ChainOutput;

/** A transaction output paying a watched address. */
public record OutputMatch(ChainOutput output, WatchedAddress address) {}
