package io.wabaflow.sync.it;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import io.wabaflow.sync.rebuild.Generations;
import io.wabaflow.sync.rebuild.SourceTopics;
import io.wabaflow.testsupport.RealInfrastructure;

/** The sync worker on a random port, on the real broker and a fresh real database, with its test harness. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@ActiveProfiles("it")
abstract class SyncIntegrationBase {

	@LocalServerPort
	int port;

	@Autowired
	Jdbi jdbi;

	@Autowired
	Generations generations;

	@Autowired
	SourceTopics topics;

	SyncHarness sync;

	@BeforeEach
	void harness() {
		sync = new SyncHarness(port, jdbi, generations, topics);
	}
}
