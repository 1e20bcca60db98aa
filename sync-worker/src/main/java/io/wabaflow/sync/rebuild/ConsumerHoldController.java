package io.wabaflow.sync.rebuild;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.platform.access.RequiresScope;
import io.wabaflow.platform.access.Scope;

/**
 * The contract ops tools rely on to reset a live group's offsets ({@code wabaflow replay --stop-via}):
 * {@code PUT /admin/consumers/{group}/hold} stops the group's consumers on every instance until
 * {@code DELETE} releases them.
 */
@RestController
@RequiresScope(Scope.ADMIN)
@RequestMapping("/admin/consumers/{group}/hold")
class ConsumerHoldController {

	private final Generations generations;

	private final ConsumerHolds holds;

	private final GenerationSupervisor supervisor;

	ConsumerHoldController(Generations generations, ConsumerHolds holds, GenerationSupervisor supervisor) {
		this.generations = generations;
		this.holds = holds;
		this.supervisor = supervisor;
	}

	/** 204 once this instance stopped them (the others follow on their next tick); 404 for a foreign group. */
	@PutMapping
	ResponseEntity<Void> hold(@PathVariable String group) {
		if (generations.list().stream().noneMatch(generation -> generation.groupId().equals(group))) {
			return ResponseEntity.notFound().build();
		}
		holds.hold(group);
		supervisor.reconcile();
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping
	ResponseEntity<Void> release(@PathVariable String group) {
		holds.release(group);
		supervisor.reconcile();
		return ResponseEntity.noContent().build();
	}
}
