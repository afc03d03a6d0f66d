package nl.iwa.hub.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import nl.iwa.hub.deadletter.DeadLetter;
import nl.iwa.hub.deadletter.DeadLetterReplay;
import nl.iwa.hub.deadletter.ReplayRefusedException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * For ops teams: what is parked on the dead-letter topic (coordinates, reason codes, never payload), and the
 * replay of one parked record into the outbox it came from, exactly as it was, audited with who did it.
 */
@RestController
@RequestMapping("/api/ops/dead-letters")
public class DeadLetterController {

    private final DeadLetterReplay replay;

    public DeadLetterController(DeadLetterReplay replay) {
        this.replay = replay;
    }

    @GetMapping
    public List<DeadLetter> list() {
        return replay.list();
    }

    /**
     * No body: ops replays what was parked, never a record of its own making, which would be written in a
     * partner's name. A corrected record is the sender's to send, to its own outbox.
     */
    @PostMapping(path = "/{partition}/{offset}/replay")
    public DeadLetterReplay.Replayed replay(@PathVariable int partition, @PathVariable long offset,
                                            HttpServletRequest request, Principal who) {
        // judged by its headers, never read: a body of any size is refused without taking memory
        if (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a replay re-injects the parked record exactly as it was "
                    + "and takes no body; a corrected record must be sent again by its sender, to its own outbox");
        }
        try {
            return replay.replay(partition, offset, who.getName());
        } catch (ReplayRefusedException e) {
            HttpStatus status = switch (e.why()) {
                case NOT_FOUND -> HttpStatus.NOT_FOUND;
                case ALREADY_REPLAYED -> HttpStatus.CONFLICT;
                case NOT_REPLAYABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
            };
            throw new ResponseStatusException(status, e.getMessage());
        }
    }
}
