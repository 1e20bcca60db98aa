package io.wabaflow.onboarding.strategy;

import java.util.List;

import io.wabaflow.metagraph.client.GraphModel.WabaCreationCall;

/**
 * Seed 001's creation strategies, tried in this order when no WABA was found. 2A-2D are creation calls (with the
 * seed's bodies); 2E creates nothing: it inspects the token (debug_token) for a WABA that appeared meanwhile.
 */
public enum CreationStrategy {

	S2A("2A", WabaCreationCall.CLIENT_WHATSAPP_APPLICATIONS),
	S2B("2B", WabaCreationCall.BUSINESS_WHATSAPP_BUSINESS_ACCOUNTS),
	S2C("2C", WabaCreationCall.APPLICATIONS),
	S2D("2D", WabaCreationCall.WHATSAPP_BUSINESS_ACCOUNTS),
	S2E("2E", null);

	public static final List<CreationStrategy> IN_ORDER = List.of(values());

	/** Seed 001's names for what is created. */
	static final String WABA_NAME = "WhatsApp Business Account";

	static final String APP_NAME = "WhatsApp Business App";

	private final String label;

	private final WabaCreationCall call;

	CreationStrategy(String label, WabaCreationCall call) {
		this.label = label;
		this.call = call;
	}

	/** 2A ... 2E: the name in seed 001, the integration log and the status view. */
	public String label() {
		return label;
	}

	/** The creation call, or null for 2E (debug_token). */
	WabaCreationCall call() {
		return call;
	}

	static CreationStrategy at(int index) {
		return IN_ORDER.get(index);
	}
}
