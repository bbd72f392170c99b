package dev.voiceplane.app.core.http;

import io.javalin.http.HttpStatus;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.function.ToLongFunction;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;

/**
 * Holds every request body to a maximum size while it is read, not only by its declared length.
 * Javalin checks {@code Content-Length} before reading a body, but a chunked body declares none and
 * would be read whole into memory (100 MB sent to an anonymous endpoint became hundreds of MB of
 * heap). This filter refuses a declared length over the limit at once, and counts the bytes of any
 * other body as the handler reads them, failing with 413 the moment the limit is crossed; Jetty
 * then closes the connection instead of reading the rest.
 */
public final class BodyLimit implements Filter {

    /** The limit every endpoint shares: 1 MB, far above any JSON body the services take. */
    public static final long DEFAULT_MAX_BYTES = 1_000_000L;

    private final ToLongFunction<String> limitByPath;

    public BodyLimit(long maxBytes) {
        this(path -> maxBytes);
    }

    /** @param limitByPath the limit for a request path (a voice upload may take more than a JSON body) */
    public BodyLimit(ToLongFunction<String> limitByPath) {
        this.limitByPath = limitByPath;
    }

    /** Puts the limit in front of every servlet of {@code handler}. */
    public static void install(ServletContextHandler handler, long maxBytes) {
        install(handler, path -> maxBytes);
    }

    /** Puts a limit per request path in front of every servlet of {@code handler}. */
    public static void install(ServletContextHandler handler, ToLongFunction<String> limitByPath) {
        handler.addFilter(new FilterHolder(new BodyLimit(limitByPath)), "/*", EnumSet.of(DispatcherType.REQUEST));
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse httpResponse) {
            long maxBytes = limitByPath.applyAsLong(http.getRequestURI());
            if (http.getContentLengthLong() > maxBytes) {
                refuse(httpResponse, maxBytes);
                return;
            }
            Limited limited = new Limited(http, maxBytes);
            chain.doFilter(limited, response);
            if (limited.exceeded()) {
                closeAfterAnswering(request, httpResponse);
            }
            return;
        }
        chain.doFilter(request, response);
    }

    /** A declared length over the limit: refused before reading a byte, in the services' JSON error form. */
    private static void refuse(HttpServletResponse response, long maxBytes) throws IOException {
        int status = HttpStatus.CONTENT_TOO_LARGE.getCode();
        response.setStatus(status);
        response.setHeader("Connection", "close");
        response.setContentType("application/json");
        response.getWriter().write(Json.mapper().writeValueAsString(
                new ErrorBody(status, HttpStatus.CONTENT_TOO_LARGE.getMessage(), message(maxBytes), "")));
    }

    static String message(long maxBytes) {
        long mb = 1024 * 1024;
        String limit = maxBytes % mb == 0 ? maxBytes / mb + " MB" : maxBytes % 1_000_000 == 0 ? maxBytes / 1_000_000 + " MB" : maxBytes + " bytes";
        return "request body exceeds the limit of " + limit;
    }

    /**
     * Sends the 413 and drops the connection: left open, Jetty would read and discard the rest of
     * the body (all 100 MB of it) to keep the connection for another request.
     */
    private static void closeAfterAnswering(ServletRequest request, HttpServletResponse response) throws IOException {
        response.flushBuffer();
        Request base = Request.getBaseRequest(request);
        if (base != null) {
            base.getHttpChannel().getEndPoint().close();
        }
    }

    /** The request with its body stream counted. */
    private static final class Limited extends HttpServletRequestWrapper {
        private final long maxBytes;
        private CountingStream stream;

        Limited(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), maxBytes);
            }
            return stream;
        }

        boolean exceeded() {
            return stream != null && stream.exceeded;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long maxBytes;
        private long read;
        private boolean exceeded;

        CountingStream(ServletInputStream in, long maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > maxBytes) {
                exceeded = true;
                throw new PayloadTooLarge(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }

    /** Thrown from inside a body read; {@link ErrorHandling} answers it 413 like Javalin's own check. */
    public static final class PayloadTooLarge extends io.javalin.http.HttpResponseException {
        PayloadTooLarge(long maxBytes) {
            super(HttpStatus.CONTENT_TOO_LARGE.getCode(), message(maxBytes));
        }
    }
}
