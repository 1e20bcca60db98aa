package io.wabaflow.sync.api;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.platform.access.Principal;
import io.wabaflow.platform.access.RequiresScope;
import io.wabaflow.platform.access.Scope;
import io.wabaflow.sync.history.HistorySyncQueries;
import io.wabaflow.sync.history.HistorySyncView;
import io.wabaflow.sync.rebuild.ActiveGeneration;

/** The coexistence history sync of a number: phases, chunks, progress, complete or declined. */
@RestController
class HistorySyncController {

	private final ActiveGeneration active;

	private final HistorySyncQueries history = new HistorySyncQueries();

	HistorySyncController(ActiveGeneration active) {
		this.active = active;
	}

	@GetMapping("/api/v1/phone-numbers/{phoneNumberId}/history-sync")
	@RequiresScope(Scope.READ)
	HistorySyncView historySync(Principal caller, @PathVariable String phoneNumberId) {
		return active.read(caller, handle -> {
			NumberAccess.check(handle, caller, phoneNumberId);
			return history.status(handle, phoneNumberId);
		});
	}
}
