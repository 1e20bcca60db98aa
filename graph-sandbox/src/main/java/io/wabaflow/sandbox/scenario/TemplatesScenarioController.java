package io.wabaflow.sandbox.scenario;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.sandbox.templates.Template;
import io.wabaflow.sandbox.templates.TemplateChanges;
import io.wabaflow.sandbox.templates.TemplateReview;
import io.wabaflow.sandbox.templates.Templates;
import io.wabaflow.sandbox.world.World;
import tools.jackson.databind.JsonNode;

/**
 * Scenario API, message templates: register one without the Graph API, decide what Meta decides after review
 * (a status, a quality score, a category, each announced with its webhook), and whether review is manual.
 */
@RestController
@RequestMapping("/sandbox")
class TemplatesScenarioController {

	/** Without {@code wabaId} the template serves sends from every WABA and is listed by none. */
	record NewTemplate(String wabaId, String name, String language, String status, String category,
			Integer bodyParameters, JsonNode components) {
	}

	record StatusChange(String status, String reason) {
	}

	record QualityChange(String score) {
	}

	record CategoryChange(String category) {
	}

	record Review(Boolean manual) {
	}

	private final World world;
	private final Templates templates;
	private final TemplateChanges changes;
	private final TemplateReview review;

	TemplatesScenarioController(World world, Templates templates, TemplateChanges changes, TemplateReview review) {
		this.world = world;
		this.templates = templates;
		this.changes = changes;
		this.review = review;
	}

	@PostMapping("/templates")
	@ResponseStatus(HttpStatus.CREATED)
	Template template(@RequestBody NewTemplate request) {
		if (request.name() == null || request.name().isBlank()) {
			throw new IllegalArgumentException("name is required");
		}
		if (request.wabaId() != null) {
			world.requireWaba(request.wabaId());
		}
		if (request.components() != null && !request.components().isArray()) {
			throw new IllegalArgumentException("components must be an array");
		}
		return templates.put(request.wabaId(), request.name(), request.language(), request.status(),
				request.category(), request.bodyParameters(), request.components());
	}

	@GetMapping("/templates")
	List<Template> templates() {
		return templates.all();
	}

	/** {@code {"status":"PAUSED","reason":…}} → a message_template_status_update with that event. */
	@PutMapping("/wabas/{wabaId}/templates/{name}/{language}/status")
	Template status(@PathVariable String wabaId, @PathVariable String name, @PathVariable String language,
			@RequestBody StatusChange change) {
		return changes.status(wabaId, name, language, change.status(), change.reason());
	}

	/** {@code {"score":"YELLOW"}} → a message_template_quality_update. */
	@PutMapping("/wabas/{wabaId}/templates/{name}/{language}/quality")
	Template quality(@PathVariable String wabaId, @PathVariable String name, @PathVariable String language,
			@RequestBody QualityChange change) {
		return changes.qualityScore(wabaId, name, language, change.score());
	}

	/** {@code {"category":"MARKETING"}} → a template_category_update; sends are then priced in it. */
	@PutMapping("/wabas/{wabaId}/templates/{name}/{language}/category")
	Template category(@PathVariable String wabaId, @PathVariable String name, @PathVariable String language,
			@RequestBody CategoryChange change) {
		return changes.category(wabaId, name, language, change.category());
	}

	@GetMapping("/template-review")
	Map<String, Object> review() {
		return Map.of("manual", review.manual(), "reviewDelay", review.delay().toString());
	}

	/** {@code {"manual":true}}: new templates stay PENDING until a status change above decides. */
	@PutMapping("/template-review")
	Map<String, Object> changeReview(@RequestBody Review request) {
		if (request.manual() != null) {
			review.manual(request.manual());
		}
		return review();
	}
}
