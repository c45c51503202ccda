package com.flash.backoffice.portal.settlement;

import com.flash.backoffice.db.settlement.SettlementOverview;
import com.flash.backoffice.db.settlement.SettlementSchedule;
import com.flash.backoffice.db.settlement.SettlementScheduleRepository;
import com.flash.backoffice.workflows.settlement.SettlementScheduleState;
import com.flash.backoffice.workflows.settlement.SettlementScheduleWorkflows;
import io.temporal.client.WorkflowClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts the workflow of every stored schedule once the application is ready (one running already is left alone).
 * The embedded development server keeps no workflows across restarts; without this, schedules would wait for a
 * staff action to run again.
 */
@Component
class SettlementScheduleStarter {

    private static final Logger LOG = LoggerFactory.getLogger(SettlementScheduleStarter.class);

    private final SettlementScheduleRepository schedules;
    private final WorkflowClient workflowClient;
    private final boolean enabled;

    SettlementScheduleStarter(
            SettlementScheduleRepository schedules,
            WorkflowClient workflowClient,
            @Value("${flash.workers.enabled:true}") boolean enabled) {
        this.schedules = schedules;
        this.workflowClient = workflowClient;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startAll() {
        if (!enabled) {
            return;
        }
        for (SettlementOverview item : schedules.overview()) {
            SettlementSchedule schedule = item.schedule();
            try {
                SettlementScheduleWorkflows.start(
                        workflowClient,
                        SettlementScheduleState.first(schedule.merchantId(), schedule.plan(), schedule.paused()));
            } catch (RuntimeException e) {
                LOG.warn("could not start the settlement schedule of merchant {}", schedule.merchantId(), e);
            }
        }
    }
}
