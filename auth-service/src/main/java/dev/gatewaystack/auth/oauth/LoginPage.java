package dev.gatewaystack.auth.oauth;

/** The server-rendered login form: no scripts, every dynamic value HTML-escaped. */
final class LoginPage {
    private LoginPage() {
    }

    static String render(String requestId, String csrfToken, String email, String message) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Sign in</title>
                </head>
                <body>
                <main>
                <h1>Sign in</h1>
                %s
                <form method="post" action="/auth/login">
                <input type="hidden" name="request" value="%s">
                <input type="hidden" name="csrf_token" value="%s">
                <p><label for="email">E-mail</label><br>
                <input id="email" name="email" type="email" autocomplete="username" required value="%s"></p>
                <p><label for="password">Password</label><br>
                <input id="password" name="password" type="password" autocomplete="current-password" required></p>
                <p><button type="submit">Sign in</button></p>
                </form>
                </main>
                </body>
                </html>
                """.formatted(message == null ? "" : "<p role=\"alert\">" + escape(message) + "</p>",
                escape(requestId), escape(csrfToken), escape(email == null ? "" : email));
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }
}
