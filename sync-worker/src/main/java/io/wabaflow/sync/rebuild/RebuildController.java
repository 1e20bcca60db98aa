package io.wabaflow.sync.rebuild;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.platform.access.RequiresScope;
import io.wabaflow.platform.access.Scope;

/** Operations on the projections: rebuild from the topics, its status, dropping a retired generation. */
@RestController
@RequiresScope(Scope.ADMIN)
@RequestMapping("/admin/projections")
class RebuildController {

	private final RebuildService rebuilds;

	RebuildController(RebuildService rebuilds) {
		this.rebuilds = rebuilds;
	}

	/** 202 with the status when a rebuild starts; 409 with the status when one is already running. */
	@PostMapping("/rebuild")
	ResponseEntity<Map<String, Object>> rebuild() {
		Map.Entry<Generation, Boolean> started = rebuilds.start();
		return ResponseEntity.status(started.getValue() ? HttpStatus.ACCEPTED : HttpStatus.CONFLICT)
				.body(rebuilds.status());
	}

	@GetMapping({ "", "/rebuild" })
	Map<String, Object> status() {
		return rebuilds.status();
	}

	@DeleteMapping("/generations/{generation}")
	ResponseEntity<Void> drop(@PathVariable int generation) {
		return rebuilds.dropRetired(generation) ? ResponseEntity.noContent().build()
				: ResponseEntity.status(HttpStatus.CONFLICT).build();
	}
}
