package io.wabaflow.schemas;

import java.util.Set;

/**
 * The consumer groups of the services. Ops tools need them: replaying a projection group is safe, while
 * replaying a group whose consumer calls Meta (sending messages, onboarding) would repeat those calls.
 */
public final class ConsumerGroups {

	public static final String SYNC = "wabaflow-sync";

	public static final String SENDER = "wabaflow-sender";

	public static final String ONBOARDING = "wabaflow-onboarding";

	/** Groups (and their retry-topic groups, which share the prefix) whose processing has side effects. */
	private static final Set<String> SIDE_EFFECTING = Set.of(SENDER, ONBOARDING);

	private ConsumerGroups() {
	}

	public static boolean sideEffecting(String group) {
		return SIDE_EFFECTING.stream().anyMatch(prefix -> group.equals(prefix) || group.startsWith(prefix + "-"));
	}
}
