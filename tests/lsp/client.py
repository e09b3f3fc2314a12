"""Drives `stancemap lsp` through pygls's language client, as an editor would.

Usage: python3 client.py STANCEMAP RECORD_DIR. The record directory holds
actors.yaml, issues.yaml and positions.yaml, the last with three mistakes
(written by tests/lsp/main.rs). Prints "ok" after every check passed; any failed
assertion ends with a traceback and a non-zero exit.
"""

import asyncio
import pathlib
import sys

from lsprotocol import types as t
from pygls.lsp.client import LanguageClient

BIN, RECORD = sys.argv[1], pathlib.Path(sys.argv[2])
POSITIONS = RECORD / "positions.yaml"
ACTORS = RECORD / "actors.yaml"


def uri(path):
    return path.resolve().as_uri()


async def wait_for(predicate, what, timeout=10.0):
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


def line_of(text, needle):
    for number, line in enumerate(text.splitlines()):
        if needle in line:
            return number, line.index(needle)
    raise AssertionError(f"{needle!r} not in text")


async def main():
    client = LanguageClient("stancemap-test", "1")
    published = {}

    @client.feature(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params):
        published[params.uri] = params.diagnostics

    await client.start_io(BIN, "lsp")
    result = await client.initialize_async(
        t.InitializeParams(capabilities=t.ClientCapabilities(), root_uri=uri(RECORD))
    )
    assert result.capabilities.definition_provider, result
    client.initialized(t.InitializedParams())

    text = POSITIONS.read_text()
    client.text_document_did_open(
        t.DidOpenTextDocumentParams(
            t.TextDocumentItem(uri(POSITIONS), "yaml", 1, text)
        )
    )
    await wait_for(lambda: uri(POSITIONS) in published, "diagnostics on open")
    diagnostics = sorted(published[uri(POSITIONS)], key=lambda d: d.range.start.line)
    got = [(d.code, d.range.start.line, d.range.start.character, d.range.end.character) for d in diagnostics]
    expected = []
    for code, needle in [("unknown-actor", "rusia"), ("bad-value", "suport"), ("unknown-issue", "nato-membershp")]:
        line, column = line_of(text, needle)
        expected.append((code, line, column, column + len(needle)))
    assert got == expected, f"diagnostics {got}, expected {expected}"
    assert all(d.severity == t.DiagnosticSeverity.Error for d in diagnostics)
    assert "did you mean `russia`?" in diagnostics[0].message, diagnostics[0].message

    # The quick fix for the misspelt actor.
    actions = await client.text_document_code_action_async(
        t.CodeActionParams(
            t.TextDocumentIdentifier(uri(POSITIONS)),
            diagnostics[0].range,
            t.CodeActionContext(diagnostics=[diagnostics[0]]),
        )
    )
    assert [a.title for a in actions] == ["Replace with `russia`"], actions
    edit = actions[0].edit.changes[uri(POSITIONS)][0]
    assert edit.new_text == "russia" and edit.range == diagnostics[0].range

    # Fix the stance: two diagnostics remain.
    line, column = line_of(text, "suport")
    client.text_document_did_change(
        t.DidChangeTextDocumentParams(
            t.VersionedTextDocumentIdentifier(version=2, uri=uri(POSITIONS)),
            [t.TextDocumentContentChangePartial(
                range=t.Range(t.Position(line, column), t.Position(line, column + len("suport"))),
                text="support",
            )],
        )
    )
    await wait_for(lambda: len(published[uri(POSITIONS)]) == 2, "two diagnostics after the fix")
    codes = sorted(d.code for d in published[uri(POSITIONS)])
    assert codes == ["unknown-actor", "unknown-issue"], codes
    text = text.replace("suport", "support", 1)

    # Completion after `actor: ` offers actors, not issues.
    new_entry = "  - actor: "
    end = len(text.splitlines())
    client.text_document_did_change(
        t.DidChangeTextDocumentParams(
            t.VersionedTextDocumentIdentifier(version=3, uri=uri(POSITIONS)),
            [t.TextDocumentContentChangePartial(
                range=t.Range(t.Position(end, 0), t.Position(end, 0)), text=new_entry
            )],
        )
    )
    text += new_entry
    completion = await client.text_document_completion_async(
        t.CompletionParams(t.TextDocumentIdentifier(uri(POSITIONS)), t.Position(end, len(new_entry)))
    )
    items = completion.items if hasattr(completion, "items") else completion
    labels = sorted(i.label for i in items)
    assert labels == ["nato", "russia", "ukraine"], labels
    assert any(i.label == "russia" and "Moscow" in (i.detail or "") for i in items), items

    # Definition of an id used in positions.yaml lands on its line in actors.yaml.
    line, column = line_of(text, "actor: ukraine")
    locations = await client.text_document_definition_async(
        t.DefinitionParams(t.TextDocumentIdentifier(uri(POSITIONS)), t.Position(line, column + 9))
    )
    actors_line, actors_column = line_of(ACTORS.read_text(), "id: ukraine")
    assert [(l.uri, l.range.start.line, l.range.start.character) for l in locations] == [
        (uri(ACTORS), actors_line, actors_column + 4)
    ], locations

    # Hover on an actor: its name and positions count.
    hover = await client.text_document_hover_async(
        t.HoverParams(t.TextDocumentIdentifier(uri(POSITIONS)), t.Position(line, column + 9))
    )
    assert "Ukraine" in hover.contents.value and "positions: 2" in hover.contents.value, hover

    # Rename refuses a clash, then changes every use across files.
    try:
        await client.text_document_rename_async(
            t.RenameParams(t.TextDocumentIdentifier(uri(POSITIONS)), t.Position(line, column + 9), "nato")
        )
        raise AssertionError("rename onto an existing id was accepted")
    except Exception as e:  # the server's error response
        assert "already has the id `nato`" in str(e), e
    edit = await client.text_document_rename_async(
        t.RenameParams(t.TextDocumentIdentifier(uri(POSITIONS)), t.Position(line, column + 9), "ukraine-gov")
    )
    changes = {u: sorted((e.range.start.line, e.range.start.character) for e in edits) for u, edits in edit.changes.items()}
    uses = [(n, l.index("ukraine")) for n, l in enumerate(text.splitlines()) if "ukraine" in l]
    assert changes == {uri(ACTORS): [(actors_line, actors_column + 4)], uri(POSITIONS): uses}, changes
    assert all(e.new_text == "ukraine-gov" for edits in edit.changes.values() for e in edits)

    await client.shutdown_async(None)
    client.exit(None)
    code = await asyncio.wait_for(client._server.wait(), 10)
    assert code == 0, f"exit code {code}"
    await client.stop()
    print("ok")


asyncio.run(main())
