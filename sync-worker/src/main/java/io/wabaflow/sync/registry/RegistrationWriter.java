package io.wabaflow.sync.registry;

import java.util.List;

import org.jdbi.v3.core.Handle;

import io.wabaflow.sync.db.ColumnArrays;
import io.wabaflow.sync.db.KeyedRounds;
import io.wabaflow.sync.db.Sql;

/** Keeps the latest registration per number, by (updated_at, version key). */
public final class RegistrationWriter {

	private static final String UPSERT = """
			INSERT INTO phone_numbers AS p (phone_number_id, tenant_id, waba_id, display_phone_number, number_type, status,
				throughput_mps, messaging_limit, onboarded_at, updated_at, version_key)
			SELECT pn, tenant, waba, display, type, status, mps, msg_limit, %s, %s, k
			FROM unnest(:pn, :tenant, :waba, :display, :type, :status, :mps, :msg_limit, :onboarded, :updated, :k)
				AS t(pn, tenant, waba, display, type, status, mps, msg_limit, onboarded, updated, k)
			ON CONFLICT (phone_number_id) DO UPDATE SET
				tenant_id = excluded.tenant_id, waba_id = excluded.waba_id,
				display_phone_number = excluded.display_phone_number, number_type = excluded.number_type,
				status = excluded.status, throughput_mps = excluded.throughput_mps,
				messaging_limit = excluded.messaging_limit, onboarded_at = excluded.onboarded_at,
				updated_at = excluded.updated_at,
				version_key = excluded.version_key
			WHERE (excluded.updated_at, excluded.version_key) > (p.updated_at, p.version_key)
			""".formatted(Sql.ts("onboarded"), Sql.ts("updated"));

	public void write(Handle handle, List<RegistrationFact> facts) {
		for (List<RegistrationFact> round : KeyedRounds.split(facts, RegistrationFact::phoneNumberId)) {
			ColumnArrays.of(handle.createUpdate(UPSERT), round)
					.text("pn", RegistrationFact::phoneNumberId)
					.text("tenant", RegistrationFact::tenantId)
					.text("waba", RegistrationFact::wabaId)
					.text("display", RegistrationFact::displayPhoneNumber)
					.text("type", RegistrationFact::numberType)
					.text("status", RegistrationFact::status)
					.integer("mps", RegistrationFact::throughputMps)
					.integer("msg_limit", RegistrationFact::messagingLimit)
					.bigint("onboarded", RegistrationFact::onboardedAtMs)
					.bigint("updated", RegistrationFact::updatedAtMs)
					.text("k", RegistrationFact::versionKey)
					.execute();
		}
	}
}
