package io.wabaflow.sandbox.onboarding;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.graph.Fields;
import io.wabaflow.sandbox.graph.GraphParams;
import io.wabaflow.sandbox.graph.NodeTypes;
import io.wabaflow.sandbox.runtime.Json;
import io.wabaflow.sandbox.webhooks.CallbackTarget;
import io.wabaflow.sandbox.world.Business;
import io.wabaflow.sandbox.world.NodeKind;
import io.wabaflow.sandbox.world.Page;
import io.wabaflow.sandbox.world.PhoneNumber;
import io.wabaflow.sandbox.world.Waba;
import io.wabaflow.sandbox.world.World;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How each node type answers a read, field by field. Defaults are what Graph returns without {@code fields};
 * anything else (notably {@code is_on_biz_app}) must be asked for, as with Meta [COEX], [MA].
 */
@Component
class NodeViews {

	private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ")
			.withZone(ZoneOffset.UTC);

	private final World world;
	private final CallbackTarget callback;

	NodeViews(World world, CallbackTarget callback) {
		this.world = world;
		this.callback = callback;
	}

	ObjectNode business(Business business, GraphParams params) {
		return new Fields(NodeTypes.name(NodeKind.BUSINESS), List.of("id", "name"))
				.field("id", business.id())
				.field("name", business.name())
				.field("verification_status", "verified")
				.render(params);
	}

	ObjectNode waba(Waba waba, GraphParams params) {
		return new Fields(NodeTypes.name(NodeKind.WABA),
				List.of("id", "name", "currency", "timezone_id", "message_template_namespace"))
				.field("id", waba.id())
				.field("name", waba.name())
				.field("currency", waba.currency())
				.field("timezone_id", waba.timezoneId())
				.field("message_template_namespace", waba.templateNamespace())
				.field("account_review_status", "APPROVED")
				.field("business_verification_status", "verified")
				// UNCONFIRMED enum values; the facts only say client lists can be filtered on ownership_type
				.field("ownership_type", waba.partnerBusinessId() != null
						&& !waba.partnerBusinessId().equals(waba.ownerBusinessId()) ? "CLIENT_OWNED" : "SELF")
				.field("owner_business_info",
						() -> world.business(waba.ownerBusinessId()).map(NodeViews::businessRef).orElse(null))
				.render(params);
	}

	/** A Facebook page; {@code business} (its portfolio, {@code {id,name}}) only when asked for and when it has one. */
	ObjectNode page(Page page, GraphParams params) {
		// Meta's defaults also hold the page's access_token and category_list, which the sandbox does not model
		return new Fields(NodeTypes.name(NodeKind.PAGE), List.of("category", "name", "id", "tasks"))
				.field("id", page.id())
				.field("name", page.name())
				.field("category", "Local business")
				.field("tasks", () -> {
					ArrayNode tasks = Json.array();
					List.of("ADVERTISE", "ANALYZE", "CREATE_CONTENT", "MESSAGING", "MODERATE", "MANAGE")
							.forEach(tasks::add);
					return tasks;
				})
				.field("business", () -> world.business(page.businessId()).map(NodeViews::businessRef).orElse(null))
				.render(params);
	}

	/** A business as other nodes name it: {@code {"id","name"}}. */
	private static ObjectNode businessRef(Business business) {
		ObjectNode ref = Json.object();
		ref.put("id", business.id());
		ref.put("name", business.name());
		return ref;
	}

	ObjectNode phone(PhoneNumber phone, GraphParams params) {
		return new Fields(NodeTypes.name(NodeKind.PHONE_NUMBER), List.of("verified_name",
				"code_verification_status", "display_phone_number", "quality_rating", "platform_type", "throughput",
				"id"))
				.field("id", phone.id())
				.field("verified_name", phone.verifiedName())
				.field("code_verification_status", "VERIFIED")
				.field("display_phone_number", phone.displayPhoneNumber())
				.field("quality_rating", phone.qualityRating())
				.field("platform_type", phone.registered() ? "CLOUD_API" : "NOT_APPLICABLE")
				.field("throughput", () -> {
					ObjectNode throughput = Json.object();
					throughput.put("level", !phone.registered() ? "NOT_APPLICABLE"
							: phone.highThroughput() ? "HIGH" : "STANDARD");
					return throughput;
				})
				.field("is_on_biz_app", phone.coexistence())
				.field("status", phone.registered() ? "CONNECTED" : "PENDING")
				.field("name_status", "APPROVED")
				.field("account_mode", "LIVE")
				.field("is_official_business_account", false)
				.field("messaging_limit_tier", "TIER_250")
				.field("last_onboarded_time", GRAPH_TIME.format(phone.onboardedAt()))
				.field("webhook_configuration", () -> {
					ObjectNode configuration = Json.object();
					configuration.put("application", callback.settings().callbackUrl());
					world.waba(phone.wabaId()).map(Waba::overrideCallbackUri)
							.ifPresent(uri -> configuration.put("whatsapp_business_account", uri));
					return configuration;
				})
				.render(params);
	}
}
