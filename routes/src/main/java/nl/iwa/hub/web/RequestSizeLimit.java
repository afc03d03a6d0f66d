package nl.iwa.hub.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import nl.iwa.hub.connectors.rest.RestIngressRoutes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The hub's APIs take small JSON bodies (a subject access query); anything larger is refused with 413 before
 * it is read into memory: by its Content-Length at once, or, sent without one, as soon as it passes the limit.
 * Either way the answer is an RFC 9457 {@code application/problem+json} document.
 */
@Component
public class RequestSizeLimit extends OncePerRequestFilter {

    public static final int MAX_BYTES = 64 * 1024;
    static final String TOO_LARGE = "the request body is larger than " + MAX_BYTES + " bytes";

    private final ObjectMapper json;

    public RequestSizeLimit(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BYTES) {
            refuse(request, response);
            return;
        }
        chain.doFilter(new Limited(request), response);
    }

    /**
     * 413 as an RFC 9457 problem, like every other refusal at the edge, written here rather than by
     * {@code sendError}, whose error page is no problem document. The body is not read: the connection is closed
     * after the answer, so a client still sending megabytes stops (and the server does not swallow them).
     */
    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, TOO_LARGE);
        // the path names an endpoint, never a resident (the query string stays out)
        problem.setInstance(URI.create(request.getRequestURI()));
        byte[] body = json.writeValueAsBytes(problem);
        response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setHeader(HttpHeaders.CONNECTION, "close");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** Whether a failure to read the body was this limit. */
    static boolean exceeded(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TooLarge) {
                return true;
            }
        }
        return false;
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("request body over " + MAX_BYTES + " bytes");
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {

        private ServletInputStream limited;
        private BufferedReader reader;

        Limited(HttpServletRequest request) {
            super(request);
        }

        @Override
        public synchronized ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                ServletInputStream in = super.getInputStream();
                limited = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0 && ++read > MAX_BYTES) {
                            throw tooLarge();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buf, int off, int len) throws IOException {
                        int n = in.read(buf, off, len);
                        if (n > 0 && (read += n) > MAX_BYTES) {
                            throw tooLarge();
                        }
                        return n;
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
                };
            }
            return limited;
        }

        /**
         * Over the same counted stream: Camel's platform-http reads a body through the reader, which the wrapper
         * would otherwise pass to the unlimited request underneath.
         */
        @Override
        public synchronized BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset;
                try {
                    charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
                } catch (IllegalArgumentException e) {
                    throw new UnsupportedEncodingException("the request's character encoding is not supported");
                }
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }

        /** Also tells whoever reads the body (a Camel route, which sees only a failed read) that this was the limit. */
        private TooLarge tooLarge() {
            setAttribute(RestIngressRoutes.BODY_OVER_LIMIT, (long) MAX_BYTES);
            return new TooLarge();
        }
    }
}
