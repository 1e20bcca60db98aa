package io.wabaflow.sandbox.messages;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.runtime.Resettable;
import io.wabaflow.sandbox.runtime.SandboxProperties;

/**
 * The send rules a scenario may switch at runtime: how a closed window shows (a failed status after a 200, as Meta
 * documents, or a synchronous 400, as also observed [§4.3]), and whether unknown templates are refused. Reset
 * restores the configuration.
 */
@Component
public class MessagingRules implements Resettable {

	public record Rules(boolean windowViolationSync, boolean strictTemplates) {
	}

	private final SandboxProperties properties;
	private volatile Rules rules;

	MessagingRules(SandboxProperties properties) {
		this.properties = properties;
		reset();
	}

	@Override
	public void reset() {
		rules = new Rules("sync".equalsIgnoreCase(properties.messaging().windowViolation()),
				properties.messaging().strictTemplates());
	}

	public Rules rules() {
		return rules;
	}

	public synchronized Rules change(Boolean windowViolationSync, Boolean strictTemplates) {
		Rules current = rules;
		rules = new Rules(windowViolationSync == null ? current.windowViolationSync() : windowViolationSync,
				strictTemplates == null ? current.strictTemplates() : strictTemplates);
		return rules;
	}
}
