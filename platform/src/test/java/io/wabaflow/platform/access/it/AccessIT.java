package io.wabaflow.platform.access.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.wabaflow.platform.access.ApiKeyIssuer;
import io.wabaflow.platform.access.Scope;
import io.wabaflow.testsupport.RealInfrastructure;
import io.wabaflow.testsupport.TestKafka;

/** Keys from the key topic on the real broker: who may call what, and how fast a change takes effect. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class AccessIT {

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newHttpClient();

	ApiKeyIssuer keys;

	final String tenantA = "tenant-a-" + UUID.randomUUID();

	final String tenantB = "tenant-b-" + UUID.randomUUID();

	@BeforeEach
	void connect() {
		keys = ApiKeyIssuer.connect(TestKafka.bootstrapServers());
	}

	@AfterEach
	void close() {
		keys.close();
	}

	@Test
	void withoutAValidKeyEveryProtectedPathIs401AndOpenPathsStayOpen() throws Exception {
		HttpResponse<String> none = get("/api/v1/tenants/x/things", null);
		assertThat(none.statusCode()).isEqualTo(401);
		assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(none.body()).contains("\"status\":401").contains("Authorization: Bearer");
		assertThat(get("/api/v1/tenants/x/things", "not-a-key").statusCode()).isEqualTo(401);
		assertThat(get("/api/v1/tenants/x/things", "wbf_000000000000_forged").statusCode()).isEqualTo(401);
		assertThat(post("/admin/rebuild", null).statusCode()).isEqualTo(401);
		assertThat(get("/open", null).statusCode()).isEqualTo(200);
	}

	@Test
	void aSeededKeyWorksFromTheFirstRequest() throws Exception {
		HttpResponse<String> own = get("/api/v1/tenants/tenant-seeded/things", "access-it-seeded-key");
		assertThat(own.statusCode()).isEqualTo(200);
		assertThat(get("/api/v1/tenants/" + tenantA + "/things", "access-it-seeded-key").statusCode()).isEqualTo(404);
	}

	@Test
	void aTenantKeySeesItsOwnTenantOnlyAndAnotherTenantIs404() throws Exception {
		String a = keys.create(tenantA, Set.of(Scope.READ), null, "a", Instant.now()).secret();
		assertThat(a).startsWith("wbf_");
		await().atMost(Duration.ofSeconds(5)).until(() -> get("/api/v1/tenants/" + tenantA + "/things", a).statusCode() == 200);
		HttpResponse<String> other = get("/api/v1/tenants/" + tenantB + "/things", a);
		assertThat(other.statusCode()).isEqualTo(404);
		assertThat(other.body()).contains("No tenant " + tenantB).doesNotContain(tenantA);
	}

	@Test
	void aMissingScopeIs403NamingItAndAHandlerWithoutDeclaredScopeIsRefused() throws Exception {
		String a = keys.create(tenantA, Set.of(Scope.READ, Scope.MESSAGES_SEND), null, "a", Instant.now()).secret();
		await().atMost(Duration.ofSeconds(5)).until(() -> get("/api/v1/tenants/" + tenantA + "/things", a).statusCode() == 200);
		HttpResponse<String> admin = post("/admin/rebuild", a);
		assertThat(admin.statusCode()).isEqualTo(403);
		assertThat(admin.body()).contains("'admin'");
		HttpResponse<String> forgotten = get("/api/v1/forgotten", a);
		assertThat(forgotten.statusCode()).isEqualTo(403);
		assertThat(forgotten.body()).doesNotContain("leak");
		// a failure behind a good key is answered as the failure it is, not hidden behind a 403 of the error page
		assertThat(get("/api/v1/broken", a).statusCode()).isEqualTo(500);
	}

	@Test
	void anOperatorKeyReachesEveryTenantAndTheAdminCalls() throws Exception {
		String ops = keys.create(null, Set.of(Scope.ADMIN, Scope.READ), null, "ops", Instant.now()).secret();
		await().atMost(Duration.ofSeconds(5)).until(() -> post("/admin/rebuild", ops).statusCode() == 200);
		assertThat(get("/api/v1/tenants/" + tenantA + "/things", ops).statusCode()).isEqualTo(200);
		assertThat(get("/api/v1/tenants/" + tenantB + "/things", ops).statusCode()).isEqualTo(200);
	}

	@Test
	void aTenantKeyCannotHoldTheAdminScope() {
		org.assertj.core.api.Assertions.assertThatThrownBy(
				() -> keys.create(tenantA, Set.of(Scope.ADMIN), null, "no", Instant.now()))
				.hasMessageContaining("operator keys only");
	}

	@Test
	void rotationASecondKeyWorksAndTheRevokedFirstIsRefusedWithinFiveSeconds() throws Exception {
		String path = "/api/v1/tenants/" + tenantA + "/things";
		ApiKeyIssuer.IssuedKey first = keys.create(tenantA, Set.of(Scope.READ), null, "first", Instant.now());
		await().atMost(Duration.ofSeconds(5)).until(() -> get(path, first.secret()).statusCode() == 200);
		ApiKeyIssuer.IssuedKey second = keys.create(tenantA, Set.of(Scope.READ), null, "second", Instant.now());
		await().atMost(Duration.ofSeconds(5)).until(() -> get(path, second.secret()).statusCode() == 200);
		assertThat(get(path, first.secret()).statusCode()).isEqualTo(200);

		keys.revoke(first.keyId());
		await().atMost(Duration.ofSeconds(5)).until(() -> get(path, first.secret()).statusCode() == 401);
		assertThat(get(path, second.secret()).statusCode()).isEqualTo(200);
	}

	@Test
	void anExpiredKeyIs401() throws Exception {
		String path = "/api/v1/tenants/" + tenantA + "/things";
		ApiKeyIssuer.IssuedKey key = keys.create(tenantA, Set.of(Scope.READ), Instant.now().plusSeconds(3), "short",
				Instant.now());
		await().atMost(Duration.ofSeconds(3)).until(() -> get(path, key.secret()).statusCode() == 200);
		await().atMost(Duration.ofSeconds(8)).until(() -> get(path, key.secret()).statusCode() == 401);
		// and shortening the expiry of a live key (the grace period of a rotation) takes effect the same way
		ApiKeyIssuer.IssuedKey other = keys.create(tenantA, Set.of(Scope.READ), null, "long", Instant.now());
		await().atMost(Duration.ofSeconds(5)).until(() -> get(path, other.secret()).statusCode() == 200);
		keys.expire(other.record(), Instant.now());
		await().atMost(Duration.ofSeconds(5)).until(() -> get(path, other.secret()).statusCode() == 401);
	}

	HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET(), key);
	}

	HttpResponse<String> post(String path, String key) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.POST(HttpRequest.BodyPublishers.noBody()), key);
	}

	private HttpResponse<String> send(HttpRequest.Builder request, String key) throws IOException, InterruptedException {
		if (key != null) {
			request.header("Authorization", "Bearer " + key);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
