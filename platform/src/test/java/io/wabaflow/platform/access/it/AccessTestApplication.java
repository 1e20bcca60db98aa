package io.wabaflow.platform.access.it;

import java.util.Map;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.platform.access.NotOwnedException;
import io.wabaflow.platform.access.Principal;
import io.wabaflow.platform.access.RequiresScope;
import io.wabaflow.platform.access.Scope;

/** A service with a tenant resource, an admin call, an endpoint that forgot its scope and an open one. */
@SpringBootApplication
public class AccessTestApplication {

	@RestController
	static class Endpoints {

		@GetMapping("/api/v1/tenants/{tenant}/things")
		@RequiresScope(Scope.READ)
		Map<String, String> things(@PathVariable String tenant, Principal caller) {
			NotOwnedException.check(caller, tenant, "No tenant " + tenant);
			return Map.of("tenant", tenant, "key", caller.keyId());
		}

		@PostMapping("/admin/rebuild")
		@RequiresScope(Scope.ADMIN)
		Map<String, String> rebuild(Principal caller) {
			return Map.of("by", caller.keyId());
		}

		@GetMapping("/api/v1/broken")
		@RequiresScope(Scope.READ)
		Map<String, String> broken() {
			throw new IllegalStateException("a bug behind a good key");
		}

		@GetMapping("/api/v1/forgotten")
		Map<String, String> forgotten() {
			return Map.of("leak", "yes");
		}

		@GetMapping("/open")
		Map<String, String> open() {
			return Map.of("open", "yes");
		}
	}
}
