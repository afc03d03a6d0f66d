package nl.iwa.hub.web;

import java.util.List;
import nl.iwa.hub.deadletter.DeadLetter;
import nl.iwa.hub.deadletter.DeadLetterReplay;
import nl.iwa.hub.deadletter.ReplayRefusedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * For ops teams: what is parked on the dead-letter topic (coordinates, reason codes, never payload), and the
 * replay of one parked record into the outbox it came from, as it was or corrected by its sender.
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

    /** The body, if any, is the corrected record: Avro in the registry's wire format, as the sender would write it. */
    @PostMapping(path = "/{partition}/{offset}/replay", consumes = {MediaType.APPLICATION_OCTET_STREAM_VALUE, MediaType.ALL_VALUE})
    public DeadLetterReplay.Replayed replay(@PathVariable int partition, @PathVariable long offset,
                                            @RequestBody(required = false) byte[] corrected) {
        try {
            return replay.replay(partition, offset, corrected);
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
