package io.wabaflow.sender.template;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code wabaflow.sender.templates.*}: how the template catalogue is kept and what a send of a paused template does.
 *
 * @param checkInterval  how often the sender looks for WABAs whose catalogue is missing or due for a refresh
 * @param refreshAfter   a catalogue older than this is read from Meta again (webhooks keep it current in between)
 * @param whenPaused     {@code reject}: a send of a PAUSED template is rejected at once (TEMPLATE_PAUSED);
 *                       {@code wait}: it waits (pending, reason TEMPLATE_PAUSED, no Graph call) and goes out when Meta
 *                       lifts the pause, or is rejected TEMPLATE_PAUSED after {@code paused-max-wait};
 *                       {@code send}: it goes to Meta, which may have lifted the pause (else it fails with 132015)
 * @param pausedRecheck  {@code wait}: how often a waiting send looks at its template again
 * @param pausedMaxWait  {@code wait}: how long a send waits at most (Meta pauses for 3 h, then 6 h, then disables)
 */
@ConfigurationProperties("wabaflow.sender.templates")
public record TemplateProperties(@DefaultValue("30s") Duration checkInterval, @DefaultValue("6h") Duration refreshAfter,
		@DefaultValue("reject") WhenPaused whenPaused, @DefaultValue("15m") Duration pausedRecheck,
		@DefaultValue("7h") Duration pausedMaxWait) {

	public enum WhenPaused {
		REJECT, WAIT, SEND
	}

	public boolean waitWhenPaused() {
		return whenPaused == WhenPaused.WAIT;
	}
}
