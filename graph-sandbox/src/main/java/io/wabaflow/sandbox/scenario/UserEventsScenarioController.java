package io.wabaflow.sandbox.scenario;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.sandbox.messages.UserEvents;

/** Scenario API, what users do besides writing: a marketing preference ({@code user_preferences}), a call. */
@RestController
@RequestMapping("/sandbox")
class UserEventsScenarioController {

	record PreferenceRequest(String phoneNumberId, String from, String name, String username, Boolean phoneHidden,
			String value, String category) {
	}

	record CallRequest(String phoneNumberId, String from, String name, String event, String callId, String status,
			Integer durationSeconds) {
	}

	private final UserEvents events;

	UserEventsScenarioController(UserEvents events) {
		this.events = events;
	}

	/** {@code {"value":"stop"|"resume"|"signup"}} → a user_preferences webhook. */
	@PostMapping("/users/preferences")
	@ResponseStatus(HttpStatus.CREATED)
	UserEvents.PreferenceSent preference(@RequestBody PreferenceRequest request) {
		return events.preference(request.phoneNumberId(), new UserEvents.Preference(request.from(), request.name(),
				request.username(), Boolean.TRUE.equals(request.phoneHidden()), request.value(), request.category()));
	}

	/** {@code {"event":"connect"|"terminate"}} → a calls webhook of a user-initiated call. */
	@PostMapping("/calls")
	@ResponseStatus(HttpStatus.CREATED)
	UserEvents.CallSent call(@RequestBody CallRequest request) {
		return events.call(request.phoneNumberId(), new UserEvents.Call(request.from(), request.name(),
				request.event(), request.callId(), request.status(), request.durationSeconds()));
	}
}
