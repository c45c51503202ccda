package com.flash.backoffice.portal.workflow;

import com.flash.backoffice.portal.workflow.WorkflowDetail.TimelineEvent;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns raw history events into a readable timeline and works out the timers still pending. */
final class HistoryTimeline {

    private HistoryTimeline() {}

    static List<TimelineEvent> of(List<HistoryEvent> events) {
        return events.stream()
                .map(event -> new TimelineEvent(
                        event.getEventId(),
                        Timestamps.toInstant(event.getEventTime()),
                        readable(event.getEventType()),
                        details(event)))
                .toList();
    }

    static String input(List<HistoryEvent> events) {
        return events.stream()
                .filter(HistoryEvent::hasWorkflowExecutionStartedEventAttributes)
                .findFirst()
                .map(event -> payloads(
                        event.getWorkflowExecutionStartedEventAttributes().getInput()))
                .orElse("");
    }

    /** Timers started and neither fired nor cancelled: durable waits the workflow is in. */
    static List<String> pendingTimers(List<HistoryEvent> events) {
        Map<String, String> open = new LinkedHashMap<>();
        for (HistoryEvent event : events) {
            if (event.hasTimerStartedEventAttributes()) {
                var timer = event.getTimerStartedEventAttributes();
                open.put(
                        timer.getTimerId(),
                        "Timer " + timer.getTimerId() + " ("
                                + timer.getStartToFireTimeout().getSeconds() + " s)");
            } else if (event.hasTimerFiredEventAttributes()) {
                open.remove(event.getTimerFiredEventAttributes().getTimerId());
            } else if (event.hasTimerCanceledEventAttributes()) {
                open.remove(event.getTimerCanceledEventAttributes().getTimerId());
            }
        }
        return new ArrayList<>(open.values());
    }

    static String readable(EventType type) {
        String raw = type.name().replace("EVENT_TYPE_", "");
        return java.util.Arrays.stream(raw.split("_"))
                .map(word -> word.charAt(0) + word.substring(1).toLowerCase())
                .collect(Collectors.joining(" "));
    }

    private static String details(HistoryEvent event) {
        if (event.hasWorkflowExecutionStartedEventAttributes()) {
            var started = event.getWorkflowExecutionStartedEventAttributes();
            return started.getWorkflowType().getName() + " on "
                    + started.getTaskQueue().getName();
        }
        if (event.hasActivityTaskScheduledEventAttributes()) {
            return event.getActivityTaskScheduledEventAttributes()
                    .getActivityType()
                    .getName();
        }
        if (event.hasActivityTaskFailedEventAttributes()) {
            return event.getActivityTaskFailedEventAttributes().getFailure().getMessage();
        }
        if (event.hasWorkflowExecutionSignaledEventAttributes()) {
            var signal = event.getWorkflowExecutionSignaledEventAttributes();
            return signal.getSignalName() + " " + payloads(signal.getInput());
        }
        if (event.hasWorkflowExecutionCompletedEventAttributes()) {
            return payloads(event.getWorkflowExecutionCompletedEventAttributes().getResult());
        }
        if (event.hasWorkflowExecutionFailedEventAttributes()) {
            return event.getWorkflowExecutionFailedEventAttributes()
                    .getFailure()
                    .getMessage();
        }
        if (event.hasWorkflowExecutionTerminatedEventAttributes()) {
            var terminated = event.getWorkflowExecutionTerminatedEventAttributes();
            return terminated.getReason() + " (by " + terminated.getIdentity() + ")";
        }
        if (event.hasWorkflowExecutionCancelRequestedEventAttributes()) {
            var cancel = event.getWorkflowExecutionCancelRequestedEventAttributes();
            return cancel.getCause() + " (by " + cancel.getIdentity() + ")";
        }
        if (event.hasTimerStartedEventAttributes()) {
            return "timer " + event.getTimerStartedEventAttributes().getTimerId();
        }
        return "";
    }

    /** JSON payloads (the default converter's encoding) shown as text; anything else by its encoding. */
    static String payloads(Payloads payloads) {
        return payloads.getPayloadsList().stream()
                .map(payload -> {
                    String encoding = payload.getMetadataOrDefault("encoding", com.google.protobuf.ByteString.EMPTY)
                            .toString(StandardCharsets.UTF_8);
                    return encoding.startsWith("json") || encoding.equals("binary/null")
                            ? payload.getData().toString(StandardCharsets.UTF_8)
                            : "<" + encoding + ", " + payload.getData().size() + " bytes>";
                })
                .collect(Collectors.joining(", "));
    }
}
