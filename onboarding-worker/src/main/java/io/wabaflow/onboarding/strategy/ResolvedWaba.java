package io.wabaflow.onboarding.strategy;

import io.wabaflow.onboarding.flow.Flow;
import io.wabaflow.onboarding.flow.FlowState;

/** What every way of finding the WABA leads to. */
public final class ResolvedWaba {

	private ResolvedWaba() {
	}

	/**
	 * The flow with its WABA, going on to pick the phone number, or straight to the webhook subscription when
	 * the session shared a WABA only (FINISH_ONLY_WABA has no phone number).
	 */
	public static Flow.Builder resolve(Flow flow, String wabaId, String strategy, String step) {
		return flow.toBuilder().wabaId(wabaId).strategyUsed(strategy).succeeded(step)
				.state(flow.hints().onlyWaba() ? FlowState.SUBSCRIBING_APP : FlowState.SELECTING_PHONE);
	}
}
