package nl.iwa.hub.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.inbox.StatusRelay;
import nl.iwa.hub.contract.outbox.HandoffRequest;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testkit.partner.PartnerClient;
import nl.iwa.hub.testkit.residents.SyntheticResidents;

/** Multi-step situations several tests start from. */
public final class Scenarios {

    public static final String WORK_REINTEGRATION = "WORK_REINTEGRATION";

    private Scenarios() {
    }

    /**
     * The social team hands a resident over to UWV for work reintegration, with the resident's consent recorded
     * first in the same case; returns once the social team has heard the handoff is REQUESTED.
     */
    public static HandoffRequest workReintegrationHandoff(PartnerClient socialTeam, Duration wait) {
        Subject resident = SyntheticResidents.next();
        String caseId = UUID.randomUUID().toString();
        socialTeam.send(socialTeam.message("hub", WORK_REINTEGRATION, Bodies.grant(UUID.randomUUID().toString(), resident,
                        WORK_REINTEGRATION, "uwv-zuid-limburg", "IDENTITY", "CONTACT", "INCOME", "PARTICIPATION", "FREE_TEXT"))
                .setCorrelationId(caseId).build());
        HandoffRequest request = Bodies.workReintegration(resident);
        socialTeam.send(socialTeam.message("uwv-zuid-limburg", WORK_REINTEGRATION, request).setCorrelationId(caseId).build());
        await().atMost(wait).until(() -> socialTeam.inbox().values().stream()
                .anyMatch(m -> m.getBody() instanceof StatusRelay r && r.getHandoffId().equals(request.getHandoffId())));
        return request;
    }
}
