package nl.iwa.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The console speaks Dutch (the default) or English, chosen with {@code ?lang=nl|en} and kept in a cookie that
 * only the console's paths get; anything else stays Dutch, so no page can miss its texts. Requests outside the
 * console (the API) keep Spring's default: the Accept-Language header.
 */
final class ConsoleLanguage extends CookieLocaleResolver {

    static final Locale DUTCH = Locale.forLanguageTag("nl");

    private final AcceptHeaderLocaleResolver elsewhere = new AcceptHeaderLocaleResolver();

    ConsoleLanguage() {
        super("iwa-console-lang");
        setCookiePath("/console");
        setCookieHttpOnly(true);
        setCookieSameSite("Strict");
        setDefaultLocale(DUTCH);
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        if (!ConsoleWebConfiguration.isConsole(request)) {
            return elsewhere.resolveLocale(request);
        }
        return Locale.ENGLISH.getLanguage().equals(super.resolveLocale(request).getLanguage()) ? Locale.ENGLISH : DUTCH;
    }
}
