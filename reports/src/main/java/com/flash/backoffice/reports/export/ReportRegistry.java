package com.flash.backoffice.reports.export;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The reports by name, in registration order. Thread-safe for reads once filled at start-up. */
public final class ReportRegistry {

    private final Map<String, ReportDefinition> byName = Collections.synchronizedMap(new LinkedHashMap<>());

    /** Adds a report; a second report of the same name is a programming error. */
    public ReportRegistry register(ReportDefinition definition) {
        ReportDefinition previous = byName.putIfAbsent(definition.name(), definition);
        if (previous != null) {
            throw new IllegalStateException("a report named '" + definition.name() + "' is registered already");
        }
        return this;
    }

    public Optional<ReportDefinition> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public ReportDefinition get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no report named '" + name + "'"));
    }

    public Collection<ReportDefinition> all() {
        synchronized (byName) {
            return List.copyOf(byName.values());
        }
    }
}
