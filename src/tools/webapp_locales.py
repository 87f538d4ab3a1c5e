#!/usr/bin/env python3
"""The Chinese locales of Camunda's webapps (src/main/resources/META-INF/resources/webjars/camunda/app/<app>/locales/zh.json).

  python3 src/tools/webapp_locales.py check   # every zh.json has exactly the keys of the webjar's en.json, same placeholders
  python3 src/tools/webapp_locales.py sync    # after a Camunda upgrade: add new keys (English text), drop removed ones

The English locale is read from the camunda-webapp-webjar in the local Maven repository (the version in pom.xml),
or from --webjar PATH. Labels still in English are counted, not refused: Cockpit's enterprise-only plugin labels
(never shown in the community edition) are left in English on purpose.
"""
import argparse
import json
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / 'src/main/resources/META-INF/resources/webjars/camunda/app'
APPS = ['tasklist', 'cockpit', 'admin', 'welcome']
# {{ name }}, {}, %d / %s (moment's relative time), HTML tags and entities
# our own neutral text instead of the migrate-to-Camunda-8 banner: the header always shows this red bar in the
# community edition, also when the text is empty, so the text is replaced, not emptied (and its link dropped)
REWORDED = {'BANNER_CE_EOL_TEXT'}
TOKEN = re.compile(r'\{\{\s*[^}]*?\s*\}\}|\{\}|%[ds]|</?[a-zA-Z][^>]*>|&[a-z]+;')


def webjar_path(explicit):
    if explicit:
        return Path(explicit)
    pom = (ROOT / 'pom.xml').read_text(encoding='utf-8')
    version = re.search(r'<camunda\.version>([^<]+)</camunda\.version>', pom)
    base = Path.home() / '.m2/repository/org/camunda/bpm/webapp/camunda-webapp-webjar'
    if version:
        jar = base / version.group(1) / f'camunda-webapp-webjar-{version.group(1)}.jar'
        if jar.exists():
            return jar
    jars = sorted(base.glob('*/camunda-webapp-webjar-*.jar'))
    if not jars:
        sys.exit(f'no camunda-webapp-webjar under {base}: run ./mvnw test-compile first, or pass --webjar')
    return jars[-1]


def english(jar, app):
    with zipfile.ZipFile(jar) as z:
        raw = z.read(f'META-INF/resources/webjars/camunda/app/{app}/locales/en.json')
    return json.loads(raw.decode('utf-8-sig'))


def tokens(text):
    return Counter(re.sub(r'\s+', '', t) for t in TOKEN.findall(text))


def compare(en, zh, path, problems, counts):
    if isinstance(en, dict):
        if not isinstance(zh, dict):
            problems.append(f'{path}: expected an object')
            return
        for key in en.keys() - zh.keys():
            problems.append(f'{path}/{key}: missing')
        for key in zh.keys() - en.keys():
            problems.append(f'{path}/{key}: not in en.json')
        for key in en.keys() & zh.keys():
            compare(en[key], zh[key], f'{path}/{key}', problems, counts)
    elif isinstance(en, list):
        if not isinstance(zh, list) or len(zh) != len(en):
            problems.append(f'{path}: expected a list of {len(en)}')
            return
        for i, (e, z) in enumerate(zip(en, zh)):
            compare(e, z, f'{path}/{i}', problems, counts)
    elif isinstance(en, str):
        if not isinstance(zh, str):
            problems.append(f'{path}: expected a string')
            return
        counts['labels'] += 1
        if tokens(en) != tokens(zh) and path.rsplit('/', 1)[-1] not in REWORDED:
            problems.append(f'{path}: placeholders {sorted(tokens(en))} became {sorted(tokens(zh))}')
        if zh == en and re.search(r'[A-Za-z]{3}', en) and not re.search(r'[\u4e00-\u9fff]', zh):
            counts['english'] += 1
    elif type(en) is not type(zh) or en != zh:
        problems.append(f'{path}: expected {en!r}')


def synced(en, zh):
    if isinstance(en, dict):
        zh = zh if isinstance(zh, dict) else {}
        return {key: synced(value, zh.get(key)) for key, value in en.items()}
    if isinstance(en, list):
        zh = zh if isinstance(zh, list) and len(zh) == len(en) else [None] * len(en)
        return [synced(e, z) for e, z in zip(en, zh)]
    return zh if type(zh) is type(en) else en


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('command', choices=['check', 'sync'])
    parser.add_argument('--webjar')
    args = parser.parse_args()
    jar = webjar_path(args.webjar)
    failed = False
    for app in APPS:
        file = LOCALES / app / 'locales/zh.json'
        en = english(jar, app)
        zh = json.loads(file.read_text(encoding='utf-8')) if file.exists() else {}
        if args.command == 'sync':
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(json.dumps(synced(en, zh), ensure_ascii=False, indent=2) + '\n', encoding='utf-8')
        problems, counts = [], Counter()
        compare(en, json.loads(file.read_text(encoding='utf-8')) if file.exists() else {}, app, problems, counts)
        print(f'{app}: {counts["labels"]} texts, {counts["english"]} still in English, {len(problems)} problems')
        for problem in problems:
            print('  ' + problem)
        failed = failed or bool(problems)
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
