package io.wabaflow.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

	/** A template send from this world's number, with {@code bodyParameters} text values for the body. */
	Graph.Response sendTemplate(String to, String name, String language, int bodyParameters) {
		List<Map<String, Object>> values = new ArrayList<>();
		for (int i = 0; i < bodyParameters; i++) {
			values.add(Map.of("type", "text", "text", "v" + i));
		}
		return graph().post("/" + phoneNumberId + "/messages", Map.of("messaging_product", "whatsapp", "to", to,
				"type", "template", "template", Map.of("name", name, "language", Map.of("code", language),
						"components", List.of(Map.of("type", "body", "parameters", values)))));
	}
}
