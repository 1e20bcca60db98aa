package io.wabaflow.ingress.command;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wabaflow.platform.access.NotOwnedException;
import io.wabaflow.platform.access.Principal;
import io.wabaflow.platform.access.RequiresScope;
import io.wabaflow.platform.access.Scope;
import tools.jackson.databind.json.JsonMapper;

/**
 * The status URL of a command: its outcome when one was published within the outcome window, else
 * {@code PENDING}. The ingress keeps no state, so it cannot tell a pending command from one it never saw.
 */
@RestController
@Tag(name = "Commands")
class CommandStatusController {

	private final CommandOutcomes outcomes;

	private final JsonMapper json;

	CommandStatusController(CommandOutcomes outcomes, JsonMapper json) {
		this.outcomes = outcomes;
		this.json = json;
	}

	@GetMapping(CommandSubmission.STATUS_PATH + "{command_id}")
	@RequiresScope(Scope.READ)
	@Operation(summary = "A command's outcome", description = "PENDING until a worker published one (remembered "
			+ "for the outcome window).")
	ResponseEntity<CommandOutcomeView> status(@PathVariable("command_id") String commandId, Principal caller) {
		return ResponseEntity.ok(outcomes.known(commandId)
				.map(result -> {
					// another tenant's command is not found, whatever its state
					NotOwnedException.check(caller, result.getTenantId(), "No command " + commandId);
					return CommandSubmission.view(result, json);
				})
				.orElseGet(() -> new CommandOutcomeView(commandId, null, "PENDING", null, null, null, null)));
	}
}
