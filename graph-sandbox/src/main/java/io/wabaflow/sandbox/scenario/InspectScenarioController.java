package io.wabaflow.sandbox.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.sandbox.graph.CallLog;
import io.wabaflow.sandbox.messages.SentMessages;
import io.wabaflow.sandbox.onboarding.WabaCreationPlans;
import io.wabaflow.sandbox.runtime.SandboxProperties;
import io.wabaflow.sandbox.webhooks.DeliveryLog;
import io.wabaflow.sandbox.webhooks.DeliveryView;
import io.wabaflow.sandbox.world.World;

/** Scenario API, what happened: deliveries, accepted messages, Graph calls, and the whole world. */
@RestController
@RequestMapping("/sandbox")
class InspectScenarioController {

	private final DeliveryLog deliveries;
	private final SentMessages messages;
	private final CallLog calls;
	private final World world;
	private final WabaCreationPlans plans;
	private final SandboxProperties properties;

	InspectScenarioController(DeliveryLog deliveries, SentMessages messages, CallLog calls, World world,
			WabaCreationPlans plans, SandboxProperties properties) {
		this.deliveries = deliveries;
		this.messages = messages;
		this.calls = calls;
		this.world = world;
		this.plans = plans;
		this.properties = properties;
	}

	@GetMapping("/deliveries")
	List<DeliveryView> deliveries(@RequestParam(required = false) String field,
			@RequestParam(required = false) String state, @RequestParam(required = false) String phoneNumberId) {
		return deliveries.list(d -> (field == null || field.equals(d.field()))
				&& (state == null || state.equalsIgnoreCase(d.state()))
				&& (phoneNumberId == null || phoneNumberId.equals(d.phoneNumberId())));
	}

	@GetMapping("/deliveries/{id}")
	DeliveryView delivery(@PathVariable String id) {
		return deliveries.find(id).orElseThrow(() -> new NoSuchElementException("no delivery " + id));
	}

	@GetMapping("/messages")
	List<SentMessages.SentMessageView> messages(@RequestParam(required = false) String phoneNumberId) {
		return messages.list(phoneNumberId);
	}

	@GetMapping("/messages/{wamid}")
	SentMessages.SentMessageView message(@PathVariable String wamid) {
		return messages.find(wamid).orElseThrow(() -> new NoSuchElementException("no message " + wamid));
	}

	@GetMapping("/calls")
	List<CallLog.Entry> calls(@RequestParam(required = false) String operation,
			@RequestParam(required = false) String nodeId) {
		return calls.entries().stream().filter(e -> operation == null || operation.equals(e.operation()))
				.filter(e -> nodeId == null || nodeId.equals(e.nodeId())).toList();
	}

	@GetMapping("/state")
	Map<String, Object> state() {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("app", Map.of("id", properties.app().id(), "name", properties.app().name()));
		state.put("graphVersion", properties.graphVersion());
		state.put("systemUserToken", properties.systemUserToken());
		state.put("partnerBusinessId", world.partner().id());
		state.put("businesses", world.businesses());
		state.put("wabas", world.wabas());
		state.put("phoneNumbers", world.phones());
		state.put("pages", world.pages());
		state.put("users", world.users());
		state.put("wabaCreation", plans.plans());
		return state;
	}
}
