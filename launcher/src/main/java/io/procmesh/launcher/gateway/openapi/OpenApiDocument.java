package io.procmesh.launcher.gateway.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the OpenAPI 3.1 document: one path item per route path, one operation per method (routes that differ
 * only by their required query parameters are one operation whose query parameters are optional), JSON Schema of
 * every argument and result type under {@code components/schemas} (records by their fields, through
 * swagger-core's resolver), and the gateway's error body under {@code components/responses} for every error
 * status an operation can answer.
 */
public final class OpenApiDocument
{
    static final String JSON = "application/json";
    private static final String ERROR_SCHEMA = "Error";
    private static final Map<String, String> ERRORS = errors();

    private final ModelConverters converters = new ModelConverters(true);
    private final Map<String, Schema> schemas = new TreeMap<>();

    private OpenApiDocument()
    {
    }

    /**
     * @return the document, serialised as OpenAPI 3.1 JSON.
     */
    public static byte[] json(final String title, final String version, final List<OpenApiOperation> operations)
    {
        try
        {
            return Json31.mapper().writeValueAsBytes(new OpenApiDocument().build(title, version, operations));
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot write the OpenAPI document: " + ex.getMessage(), ex);
        }
    }

    OpenAPI build(final String title, final String version, final List<OpenApiOperation> operations)
    {
        final Map<String, List<OpenApiOperation>> grouped = new LinkedHashMap<>();
        for (final OpenApiOperation operation : operations)
        {
            grouped.computeIfAbsent(operation.path() + " " + operation.httpMethod(), key -> new ArrayList<>())
                .add(operation);
        }
        final Paths paths = new Paths();
        final Set<String> operationIds = new java.util.HashSet<>();
        for (final List<OpenApiOperation> variants : grouped.values())
        {
            final OpenApiOperation first = variants.get(0);
            final PathItem item = paths.computeIfAbsent(first.path(), key -> new PathItem());
            item.operation(PathItem.HttpMethod.valueOf(first.httpMethod()), operation(variants, operationIds));
        }
        schemas.put(ERROR_SCHEMA, errorSchema());
        final Components components = new Components().schemas(new LinkedHashMap<>(schemas));
        for (final Map.Entry<String, String> error : ERRORS.entrySet())
        {
            components.addResponses(error.getKey(), new ApiResponse().description(error.getValue())
                .content(content(new JsonSchema().$ref("#/components/schemas/" + ERROR_SCHEMA))));
        }
        return new OpenAPI(SpecVersion.V31).openapi("3.1.0")
            .info(new Info().title(title).version(version))
            .paths(paths)
            .components(components);
    }

    private Operation operation(final List<OpenApiOperation> variants, final Set<String> operationIds)
    {
        variants.sort(java.util.Comparator.comparingInt(variant -> requiredQueryCount(variant)));
        final OpenApiOperation general = variants.get(0);
        String operationId = general.service() + "_" + general.operation();
        for (int n = 2; !operationIds.add(operationId); n++)
        {
            operationId = general.service() + "_" + general.operation() + "_" + n;
        }
        final StringBuilder description = new StringBuilder("Calls `" + general.service() + "." +
            general.operation() + "`");
        final Map<String, Parameter> parameters = new LinkedHashMap<>();
        final List<Schema> results = new ArrayList<>();
        for (final OpenApiOperation variant : variants)
        {
            if (variant != general)
            {
                description.append("; with ").append(queryNames(variant)).append(": `").append(variant.service())
                    .append('.').append(variant.operation()).append('`');
            }
            for (final OpenApiOperation.Parameter parameter : variant.parameters())
            {
                final boolean required = parameter.required() && variants.size() == 1 || "path".equals(parameter.in());
                parameters.putIfAbsent(parameter.in() + ":" + parameter.name(), new Parameter()
                    .name(parameter.name()).in(parameter.in()).required(required).schema(schema(parameter.type())));
            }
            final Schema result = resultSchema(variant.result());
            if (results.stream().noneMatch(known -> known.equals(result)))
            {
                results.add(result);
            }
        }
        final Operation operation = new Operation().operationId(operationId).summary(general.service() + "." +
            general.operation()).description(description.append('.').toString()).tags(List.of(general.service()));
        if (!parameters.isEmpty())
        {
            operation.parameters(new ArrayList<>(parameters.values()));
        }
        if (!general.body().isEmpty())
        {
            operation.requestBody(new RequestBody().required(true).content(content(bodySchema(general))));
        }
        final ApiResponses responses = new ApiResponses();
        final ApiResponse success = new ApiResponse().description("the operation's result");
        if (general.status() != 204)
        {
            success.content(content(results.size() == 1 ? results.get(0) : new JsonSchema().oneOf(results)));
        }
        responses.addApiResponse(Integer.toString(general.status()), success);
        for (final String status : ERRORS.keySet())
        {
            if (!general.body().isEmpty() || !(status.equals("413") || status.equals("415")))
            {
                responses.addApiResponse(status, new ApiResponse().$ref("#/components/responses/" + status));
            }
        }
        return operation.responses(responses);
    }

    private Schema bodySchema(final OpenApiOperation operation)
    {
        if (operation.body().size() == 1)
        {
            return schema(operation.body().get(0).type());
        }
        if (operation.bodyByName())
        {
            final JsonSchema object = new JsonSchema();
            object.types(Set.of("object"));
            final List<String> required = new ArrayList<>();
            for (final OpenApiOperation.Argument argument : operation.body())
            {
                object.addProperty(argument.name(), schema(argument.type()));
                required.add(argument.name());
            }
            object.required(required);
            object.additionalProperties(Boolean.FALSE);
            return object;
        }
        final JsonSchema array = new JsonSchema();
        array.types(Set.of("array"));
        final List<Schema> items = new ArrayList<>();
        for (final OpenApiOperation.Argument argument : operation.body())
        {
            items.add(schema(argument.type()));
        }
        array.prefixItems(items);
        array.minItems(items.size());
        array.maxItems(items.size());
        return array;
    }

    private Schema resultSchema(final Type result)
    {
        if (result == void.class || result == Void.class)
        {
            final JsonSchema none = new JsonSchema();
            none.types(Set.of("null"));
            return none;
        }
        return schema(result);
    }

    /**
     * The JSON Schema of a Java type; named types (records, enums) go to {@code components/schemas} and are
     * referenced.
     */
    Schema schema(final Type type)
    {
        final ResolvedSchema resolved = converters.readAllAsResolvedSchema(new AnnotatedType(type).resolveAsRef(true));
        if (resolved == null || resolved.schema == null)
        {
            return new JsonSchema();
        }
        if (resolved.referencedSchemas != null)
        {
            schemas.putAll(resolved.referencedSchemas);
        }
        return resolved.schema;
    }

    private static Content content(final Schema schema)
    {
        return new Content().addMediaType(JSON, new MediaType().schema(schema));
    }

    private static Schema errorSchema()
    {
        final JsonSchema error = new JsonSchema();
        error.types(Set.of("object"));
        error.description("Every error the gateway answers, whatever produced it");
        for (final String field : List.of("error", "code", "field", "service", "operation"))
        {
            final JsonSchema text = new JsonSchema();
            text.types(Set.of("string"));
            error.addProperty(field, text);
        }
        error.required(List.of("error", "code"));
        return error;
    }

    private static Map<String, String> errors()
    {
        final Map<String, String> errors = new LinkedHashMap<>();
        errors.put("400", "INVALID_ARGUMENT: malformed JSON, a wrong type, an unknown, missing or duplicated field; " +
            "'field' names it");
        errors.put("404", "NOT_FOUND: unknown route, an entity the service does not know, or a null result");
        errors.put("413", "PAYLOAD_TOO_LARGE: a body over the gateway's limit");
        errors.put("415", "UNSUPPORTED_MEDIA_TYPE: a body that is not application/json");
        errors.put("409", "CONFLICT: the service refused a duplicate");
        errors.put("422", "FAILED_PRECONDITION: the service refused the request in its current state");
        errors.put("502", "INTERNAL: the service failed");
        errors.put("503", "UNAVAILABLE: no live instance of the service; see Retry-After");
        errors.put("504", "DEADLINE_EXCEEDED: no reply within the gateway's deadline");
        return errors;
    }

    private static int requiredQueryCount(final OpenApiOperation operation)
    {
        return (int)operation.parameters().stream().filter(p -> "query".equals(p.in()) && p.required()).count();
    }

    private static String queryNames(final OpenApiOperation operation)
    {
        final List<String> names = new ArrayList<>();
        for (final OpenApiOperation.Parameter parameter : operation.parameters())
        {
            if ("query".equals(parameter.in()) && parameter.required())
            {
                names.add("`" + parameter.name() + "`");
            }
        }
        return String.join(", ", names);
    }
}
