package com.flash.backoffice.reports.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExporterProgressTest {

    @Test
    void the_listener_hears_every_thousandth_row_and_the_final_count() {
        List<Long> heard = new ArrayList<>();
        ExporterProgress progress = new ExporterProgress(heard::add);

        for (long row = 1; row <= 2_500; row++) {
            progress.row(row);
        }
        progress.done(2_500);

        assertThat(heard).containsExactly(1_000L, 2_000L, 2_500L);
    }
}
