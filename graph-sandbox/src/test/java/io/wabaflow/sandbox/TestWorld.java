package io.wabaflow.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** A business with one subscribed WABA and one number, set up through the scenario API. */
record TestWorld(String businessId, String wabaId, String phoneNumberId, String displayDigits, String token) {

	static TestWorld cloud() {
		return create("cloud", true, Map.of("registered", true));
	}

	static TestWorld coexistence(Map<String, Object> options) {
		return create("coexistence", true, options);
	}

	static TestWorld create(String type, boolean subscribed, Map<String, Object> phoneOptions) {
		ScenarioClient scenario = SharedSandbox.scenario();
		String business = scenario.createBusiness("Padaria Central");
		String waba = scenario.createWaba(business, subscribed);
		Map<String, Object> phone = new LinkedHashMap<>(phoneOptions);
		phone.put("wabaId", waba);
		phone.put("type", type);
		phone.putIfAbsent("displayPhoneNumber", "+55 11 4002-8922");
		var created = scenario.post("/phone-numbers", phone);
		return new TestWorld(business, waba, created.path("id").asString(), created.path("displayDigits").asString(),
				scenario.businessToken(business));
	}

	Graph graph() {
		return SharedSandbox.graph(token);
	}
}
