// The article body's rich-text editor in admin (django-prose-editor, built on Tiptap).
// Each textarea with data-django-prose-editor-article-body gets an editor; the attribute holds the
// extensions news/widgets.py allows and the address of the package's editor module. The editor
// writes its HTML back into the textarea, which the form submits. Importing the module by its
// address rather than through an import map, and Tiptap's base style coming from
// css/article-body-editor.css, mean that nothing inline is needed under the
// Content-Security-Policy.
const CONFIG_ATTRIBUTE = "data-django-prose-editor-article-body";
// ProseMirror's empty document is one empty paragraph; the textarea should then be empty.
const EMPTY_DOCUMENT = /^<(\w+)(\s[^>]*)?><\/\1>$/;
// Pasted HTML is parsed in this page, whose policy refuses inline styles: each style attribute
// or element would be reported as a violation. Style elements are removed and style attributes
// renamed before parsing; the editor's schema keeps the structure and drops the rest.
const STYLE_ELEMENT = /<(style|script)\b[\s\S]*?<\/\1\s*>/gi;
const STYLE_ATTRIBUTE = /(<[a-z][^>]*?\s)style(\s*=)/gi;
const PASTED_STYLE = "data-pasted-style";

function declarations(element) {
  const style = {};
  for (const declaration of element.getAttribute(PASTED_STYLE).split(";")) {
    const [property, ...value] = declaration.split(":");
    if (value.length) style[property.trim().toLowerCase()] = value.join(":").trim().toLowerCase();
  }
  return style;
}

function isBold(weight) {
  return weight === "bold" || weight === "bolder" || parseInt(weight, 10) >= 600;
}

function unwrap(element) {
  element.replaceWith(...element.childNodes);
}

function wrapContent(element, tag) {
  const wrapper = element.ownerDocument.createElement(tag);
  wrapper.append(...element.childNodes);
  element.append(wrapper);
}

// Word processors and web pages mark emphasis with styles as often as with tags: a styled span
// becomes <strong> or <em>, and a <b> styled back to normal weight (Google Docs wraps everything
// it copies in one) is only a wrapper.
function cleanPastedHTML(html) {
  const template = document.createElement("template");
  template.innerHTML = html.replace(STYLE_ELEMENT, "").replace(STYLE_ATTRIBUTE, `$1${PASTED_STYLE}$2`);
  for (const element of template.content.querySelectorAll(`[${PASTED_STYLE}]`)) {
    const style = declarations(element);
    element.removeAttribute(PASTED_STYLE);
    const tag = element.localName;
    if ((tag === "b" || tag === "strong") && style["font-weight"] && !isBold(style["font-weight"])) {
      unwrap(element);
    } else if ((tag === "i" || tag === "em") && style["font-style"] === "normal") {
      unwrap(element);
    } else if (tag === "span" || tag === "font") {
      if (style["font-style"] === "italic") wrapContent(element, "em");
      if (isBold(style["font-weight"])) wrapContent(element, "strong");
    }
  }
  return template.innerHTML;
}

function configuredExtensions(prose, config) {
  return Object.entries(config.extensions).map(([name, options]) => {
    const extension = prose[name];
    if (!extension) throw new Error(`The editor has no extension named ${name}.`);
    return typeof options === "object" ? extension.configure(options) : extension;
  });
}

async function createBodyEditor(textarea) {
  const config = JSON.parse(textarea.getAttribute(CONFIG_ATTRIBUTE));
  const prose = await import(config.editor_module);
  const label = textarea.id && document.querySelector(`label[for="${textarea.id}"]`);
  const wrapper = prose.crel("div", { className: "prose-editor" });
  textarea.before(wrapper);
  wrapper.append(textarea);
  return new prose.Editor({
    element: wrapper,
    extensions: configuredExtensions(prose, config),
    content: textarea.value,
    injectCSS: false,
    editable: !textarea.disabled,
    editorProps: {
      // The form's label names the hidden textarea; the editing area takes its name.
      attributes: label ? { "aria-label": label.textContent.trim().replace(/:$/, "") } : {},
      transformPastedHTML: cleanPastedHTML,
    },
    onUpdate({ editor }) {
      const html = editor.getHTML();
      textarea.value = EMPTY_DOCUMENT.test(html) ? "" : html;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    },
  });
}

for (const textarea of document.querySelectorAll(`[${CONFIG_ATTRIBUTE}]`)) {
  createBodyEditor(textarea);
}
