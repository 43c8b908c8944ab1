import Hummingbird

extension Router where Context == ServiceRequestContext {
    /// `GET /openapi.json` serves the service's OpenAPI document exactly as the tests check it against the routes,
    /// and `GET /docs` a self-contained page that renders it (no CDN: the page works offline and behind the gateway,
    /// because it fetches the document relative to its own URL).
    public func addDocsRoutes(title: String, openAPIDocument: String, in table: RouteTable) {
        let document = ByteBuffer(string: openAPIDocument)
        let page = ByteBuffer(string: DocsPage.html(title: title))
        add(.get, "/openapi.json", in: table) { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: document))
        }
        add(.get, "/docs", in: table) { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: page))
        }
    }
}

enum DocsPage {
    static func html(title: String) -> String {
        #"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\#(title) — API</title>
        <style>
        body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1c2330;background:#f6f7f9}
        header{background:#1c2330;color:#fff;padding:16px 24px}header h1{margin:0;font-size:20px}
        main{max-width:980px;margin:0 auto;padding:16px 24px}
        details{background:#fff;border:1px solid #dde1e7;border-radius:6px;margin:8px 0}
        summary{padding:10px 14px;cursor:pointer;font-family:ui-monospace,monospace}
        .m{display:inline-block;min-width:64px;font-weight:700}.get{color:#1a7f37}.post{color:#0550ae}.patch{color:#8250df}.delete{color:#cf222e}.put{color:#9a6700}
        pre{background:#f0f2f5;padding:10px;overflow:auto;margin:0 14px 14px;border-radius:4px;font-size:13px}
        p{margin:4px 14px}
        </style></head>
        <body><header><h1>\#(title)</h1><div id="meta"></div></header><main id="ops">Loading…</main>
        <script type="module">
        const url = new URL("openapi.json", location.href.endsWith("/") ? location.href : location.href + "/../");
        const esc = s => String(s).replace(/[&<>"]/g, c => ({"&":"&amp;","<":"&lt;",">":"&gt;",'"':"&quot;"}[c]));
        try {
          const doc = await (await fetch(url)).json();
          document.getElementById("meta").textContent = `${doc.info.title} ${doc.info.version} · OpenAPI ${doc.openapi}`;
          const out = [];
          for (const [path, item] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(item)) {
            out.push(`<details><summary><span class="m ${method}">${method.toUpperCase()}</span> ${esc(path)} — ${esc(op.summary ?? "")}</summary>
              ${op.description ? `<p>${esc(op.description)}</p>` : ""}
              <pre>${esc(JSON.stringify({parameters: op.parameters, requestBody: op.requestBody, responses: op.responses}, null, 2))}</pre></details>`);
          }
          out.push(`<details><summary>Schemas</summary><pre>${esc(JSON.stringify(doc.components?.schemas ?? {}, null, 2))}</pre></details>`);
          document.getElementById("ops").innerHTML = out.join("");
        } catch (e) { document.getElementById("ops").textContent = "Could not load " + url + ": " + e; }
        </script></body></html>
        """#
    }
}
