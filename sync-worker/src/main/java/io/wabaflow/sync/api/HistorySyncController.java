package io.wabaflow.sync.api;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

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
	HistorySyncView historySync(@PathVariable String phoneNumberId) {
		return active.read(handle -> history.status(handle, phoneNumberId));
	}
}
