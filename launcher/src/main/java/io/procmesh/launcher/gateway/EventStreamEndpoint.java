package io.procmesh.launcher.gateway;

import io.procmesh.core.channel.InboundChannel;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.message.EnvelopeCodec;
import io.procmesh.launcher.gateway.events.EventStreams;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@code GET /events/{topic}}: a topic the topology's {@code gateway.events} lists, as Server-Sent Events. Each
 * event's id is its index in the topic; a client that reconnects with {@code Last-Event-ID} (or, for a first
 * connection that cannot set headers, {@code ?lastEventId=}) gets every event after that one, and without either
 * only the events published from now on. An unlisted topic is a 404, an id the topic has no event at a 400, and a
 * stream past {@code procmesh.gateway.maxEventStreams} a 503, each with the gateway's JSON error.
 */
final class EventStreamEndpoint
{
    static final String LAST_EVENT_ID_HEADER = "Last-Event-ID";
    static final String LAST_EVENT_ID_QUERY = "lastEventId";
    private static final int ECHOED_CHARS = 40;
    private static final HttpField CONTENT_TYPE_EVENT_STREAM =
        new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");

    private final Set<String> topics;
    private final DataDirectory dirs;
    private final EnvelopeCodec codec;
    private final EventStreams streams;

    EventStreamEndpoint(final Set<String> topics, final DataDirectory dirs, final EnvelopeCodec codec,
        final EventStreams streams)
    {
        this.topics = Set.copyOf(topics);
        this.dirs = dirs;
        this.codec = codec;
        this.streams = streams;
    }

    /**
     * Offloaded: opening a topic maps its files.
     */
    void routes(final RouteTable.Builder routes, final UnaryOperator<Endpoint> offload)
    {
        routes.add("GET", "/events/{topic}", offload.apply(this::stream));
    }

    private void stream(final Request request, final Response response, final Callback callback, final String[] path)
    {
        final String topic = path[0];
        if (!topics.contains(topic))
        {
            throw new GatewayException(GatewayError.notFound("no event stream for topic '" + topic + "'" +
                (topics.isEmpty() ? ": the topology's gateway.events lists none" :
                "; the topology's gateway.events lists " + topics.stream().sorted().toList())));
        }
        final long after = lastEventId(request);
        if (!streams.tryReserve())
        {
            throw new GatewayException(GatewayError.of(503, "UNAVAILABLE",
                "too many event streams open (procmesh.gateway.maxEventStreams)"));
        }
        final InboundChannel channel;
        try
        {
            channel = InboundChannel.resumingAfter(dirs.topic(topic), codec, after);
        }
        catch (final IllegalArgumentException ex)
        {
            streams.release();
            throw new GatewayException(GatewayError.badRequest(LAST_EVENT_ID_HEADER,
                "topic '" + topic + "' has no event with id " + after + ": resume from an id this stream sent"), ex);
        }
        catch (final RuntimeException ex)
        {
            streams.release();
            throw ex;
        }
        response.setStatus(200);
        response.getHeaders().put(CONTENT_TYPE_EVENT_STREAM);
        response.getHeaders().put(HttpResponses.CACHE_CONTROL_NO_STORE);
        streams.open(topic, channel, response, callback);
    }

    private static long lastEventId(final Request request)
    {
        String text = request.getHeaders().get(LAST_EVENT_ID_HEADER);
        String field = LAST_EVENT_ID_HEADER;
        if (text == null)
        {
            final Fields query = OperationEndpoint.query(request);
            text = query == null ? null : query.getValue(LAST_EVENT_ID_QUERY);
            field = LAST_EVENT_ID_QUERY;
        }
        if (text == null || text.isBlank())
        {
            return InboundChannel.NEW_ONLY;
        }
        try
        {
            final long id = Long.parseLong(text.trim());
            if (id > 0)
            {
                return id;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // Answered below, as any other id that is not one.
        }
        throw new GatewayException(GatewayError.badRequest(field,
            "'" + field + "' must be the id of an event this stream sent (a positive integer), was '" +
            GatewayError.echoed(text, ECHOED_CHARS) + "'"));
    }
}
