package io.wabaflow.sandbox.messages;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.runtime.Resettable;
import io.wabaflow.sandbox.runtime.SandboxProperties;

/**
 * The send rules a scenario may switch at runtime: how a closed window shows (a failed status after a 200, as Meta
 * documents, or a synchronous 400, as also observed [§4.3]), and whether unknown templates and media ids are refused. Reset
 * restores the configuration.
 */
@Component
public class MessagingRules implements Resettable {

	/** {@code strictMedia}: a media message naming an id the sandbox never issued is refused (100). */
	public record Rules(boolean windowViolationSync, boolean strictTemplates, boolean strictMedia) {
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
				properties.messaging().strictTemplates(), properties.messaging().strictMedia());
	}

	public Rules rules() {
		return rules;
	}

	public synchronized Rules change(Boolean windowViolationSync, Boolean strictTemplates, Boolean strictMedia) {
		Rules current = rules;
		rules = new Rules(windowViolationSync == null ? current.windowViolationSync() : windowViolationSync,
				strictTemplates == null ? current.strictTemplates() : strictTemplates,
				strictMedia == null ? current.strictMedia() : strictMedia);
		return rules;
	}
}
