package nl.iwa.hub.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Bad requests answered as RFC 9457 problems that name what was wrong but never repeat it: a malformed birth
 * date in a subject access request is a resident's data. Handled here, they are not logged either (Spring's
 * default resolver logs the parser's message, value included).
 */
@RestControllerAdvice
public class RequestProblems {

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        if (RequestSizeLimit.exceeded(e)) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, RequestSizeLimit.TOO_LARGE);
        }
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "the request body is not JSON of the expected form (field types, dates as yyyy-mm-dd)");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "parameter '" + e.getName() + "' has the wrong form");
    }
}
