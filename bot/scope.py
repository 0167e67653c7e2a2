"""Is the question answered by the library? Five hard rules and a small model, all from data.

Hard rules (any one means out of scope):
- ``missing_specifics``: the question asks for specifics (an amount, a rate, a date, eligibility
  conditions, a procedure) of a kind no paragraph on its topic among the best provisions states, and
  nothing else. When it also asks something else (专利能拿去贷款吗？能贷多少？), reports something heard
  to confirm (听说…), or what is missing is a detail of taking part in something it names (绿色工厂怎么
  申请？), it is ``partial``: the model decides on the rest, and an answer says which specifics the
  library does not state;
- ``other_task``: a request for another kind of task (write a poem, translate, stock tips,
  reveal the instructions);
- ``foreign_place``: the asking sentences name a place (from jieba's dictionary) that no local document
  of the library covers and the best provisions do not name;
- ``unnamed_tax``: every asking sentence names a tax (印花税, 房产税, 个税) that no provision of the library names;
- ``lost_paper``: the question tells of a paper lost (专用发票弄丢了, 营业执照遗失) and the best provision speaks of
  no loss: what losing it means, or how to replace it, is what is asked.

Otherwise a logistic model over retrieval signals and their pairwise products (a low cosine means more
when few words are shared) gives P(out of scope):
- ``dense``: cosine between the question and the best provision (or its best sentence);
- ``margin`` / ``lift``: how far the best provision stands above the second / above the average;
- ``coverage`` / ``idf_coverage``: share of the question's content words found in the best
  provision's text, plain and weighted by how specific each word is — Chinese words directly,
  English words through the query-term table (``query_terms.tsv`` of the library);
- ``unseen``: share of the question's weight in words no provision of the library uses (in an English question,
  its words the query-term table does not know, one each);
- ``figures_missing``: share of the figures the question names that the best provision does not state (a
  figure the asker tells of its own case, asking whether it is allowed — 收了2%的担保费，正常吗？ —, is stated by
  a figure in its measure: the rule to compare it with; one within a bound the provision sets — 担保贷款300万 beside
  500万元及以下 — is the case the rule is for);
- ``words``, ``english``: question length and language;
- ``words_rank``, ``chars_rank``: 1 / the rank of the best provision in the BM25 lists over jieba words and
  over character n-grams (0 when it is not in them) — ranks, not scores, so that every search backend
  gives the same signal.

The model and its thresholds (one per fitted library size) live in ``bot/scope_model.json``, written by
``python -m eval --calibrate --write``: fitted on the labelled questions that reach this decision,
each threshold chosen by 5-fold cross-validation to keep false refusals at or below
``eval.calibrate.MAX_FALSE_REFUSAL``. See the README section “Out-of-scope rule”.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np

from bot.expand import ENGLISH_WORD
from bot.question import (
    A_NOT_A,
    asking_clauses,
    asking_sentences,
    question_core,
    question_topic,
    sentence_topics,
    split_clauses,
)
from bot.refs import NOW_WORDS
from bot.retrieve import A_FEW, HybridSearcher, Retrieval, asked_figures
from bot.verify import figures
from index.store import provision_heading
from index.tokenize import CHINESE_STOPWORDS, ENGLISH_STOPWORDS, PolicyTokenizer
from ingest.schema import Provision
from ingest.text import ITEM, SUBITEM

SCOPE_MODEL_FILE = Path(__file__).with_name("scope_model.json")
FEATURE_NAMES = (
    "dense", "margin", "lift", "coverage", "words", "english", "words_rank", "chars_rank",
    "idf_coverage", "unseen", "figures_missing",
)  # fmt: skip
# The question's specifics may be stated by any paragraph of the best few provisions that shares at
# least this share of the question topic's word weight.
SPECIFICS_WITHIN = 3
SHARED_WITH_PARAGRAPH = 0.4
# A part asking for specifics counts as answered (besides a part that is not) only when a sentence
# stating such specifics holds at least this share of its words.
STATED_ABOUT_WHAT_IS_ASKED = 0.6
# What a figure is of stands this close to it (characters between them) where the sentence does not name the figure.
NEAR_A_FIGURE = 8
# What a sum is of stands within this many characters of it (about a clause), named or not.
SUM_WITHIN = 16
# Below this, an out-of-scope reply does not even point to a related provision.
RELATED_MIN_DENSE = 0.85


# What kind of specifics a question asks for → how such specifics look in the policy text → what to
# call them when no text states them.
_N = r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]+)"
_NEVER = re.compile(r"(?!)")
_HELD = "举办|举行|召开|开幕|开会"  # an event held (not 开票, 开户, 开业, 开放)
# Who sets a rule, written after it (…划分标准由国务院…制定): no rule stated.
_SET_BY = re.compile(r"[^，。；]{0,4}由[^。；]{1,60}(?:制定|规定|确定)")
# A part asking who sets it or where it is set (标准是由谁规定的？ 划分标准是什么材料规定的？).
_ASKS_WHO_SETS = re.compile(
    r"(?:由|归)?(?:谁|哪个部门|哪个单位|哪家|什么部门|什么文件|什么材料|哪个文件)[^，。？?]{0,4}(?:规定|制定|确定|定)"
)

# A breach told before what is asked of it (违反了…, 如果他们这么干…): general Chinese forms.
BREACH_TOLD = (
    r"(?:违反|违规|不遵守|不执行|(?:如果|要是|假如|万一)[^，。？?]{0,6}(?:这么|这样)(?:干|做|搞))[^。？?]{0,8}"
)

_SPECIFICS: tuple[tuple[re.Pattern[str], re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"多少钱|多少元|多少万|几万|几千块|金额|额度是多少|额度多大|费用是多少|官费|how much money|"
            r"(补贴|补助|奖励|奖补|资助|贴息|补偿|返还|退还|退|减免|贷|借|拿|领|给|发|赔|罚|收|贴)(多少|几万|几千|几百)|"
            # paid (交多少, not 提交多少份; 花多少钱, not 花多少时间 or 缴多少年) or a fee (多少工本费; not 多少次免费,
            # 多少比例缴费, nor the fees a service asks: 服务费 is whether and what it costs)
            r"(?<![提递成移转])(交|缴|付|花)(多少|几万|几千|几百)(?![时天日周月年个次项家人份倍比])|"
            # (每月补多少？ a subsidy said by 补 alone; not 弥补多少年, 补多少份材料)
            r"(?<![弥填修])补(多少|几万|几千|几百)(?![时天日周月年个次项家人份倍比材])|"
            r"多少(?!服务费|使用费|手续费)[^，,。？?;；次项家人个比率]{0,3}费|"
            # (a sum named by what money it is: 承担多少利息, 能拿多少补贴, 交多少税款)
            r"多少(?:利息|税款|工资|薪水|奖金|罚款|罚金|违约金|赔偿金|补贴|补助|奖励|资金|货款)"
        ),
        # (an amount may be stated as a share of another: 达到计税基础的50%以上, 补贴设备款的30%; a rate of it: 万分之五)
        re.compile(rf"{_N}\s*(?:元|万元|亿元)|%|％|[百千万]分之"),
        "具体金额",
    ),
    (
        re.compile(
            r"比例|占比|百分之|税率|利率|费率|征收率|扣除率|几个点|多少个点|(?:几|多少)个?百分点|打几折|几折|(?<![这那前近头第好了])几成(?![本功立为])|lpr|\b(?:rates?|ratios?)\b|percent"
        ),
        re.compile(r"%|％|百分之|千分之|万分之|分之|[0-9一二三四五六七八九十]\s*成"),
        "具体比例或费率",
    ),
    # Whether and what a service costs: the texts say so only where they do (免费, 不收取费用, 费率).
    (
        re.compile(
            # (not 乱收费, 违规收费: a misconduct named, not the fee asked)
            # (这种收费合规吗？ asks a judgement of a fee told, not whether or what it costs)
            r"收不收|(?<!乱)(?<!违法)(?<!违规)(?<!变相)(?<!擅自)(?<!重复)(?<!随意)(?<!随便)(?<!强制)收费(?![^，。？?]{0,2}(?:合规|合法|违规|违法|正常|合理))|要钱吗|要不要钱|付费|(?<![提递])(交|缴)(费|钱)(吗|么|嘛)|交不交(费|钱)|免费[^，。？?]{0,6}(吗|么|嘛)|免不免费|(?:是不是|是否)(?:全|完全|全部|都)?免费|贵不贵|使用费|服务费|手续费|"
            r"怎么收|"
            # (asked, not told: "what are the fees?", not "the platform keeps adding fees")
            # (charge as a noun, or what others charge: what VAT rate do we charge? asks a rate)
            r"\b(?:what|how much|any)\b[^?.!]{0,24}\b(?:fees?|charges|(?:the|a|any|what) charge|costs?)\b|free of charge|"
            r"\b(?:do|does|will|would|can) (?:they|you|it|the \w+(?: \w+)?) charge\b|"
            r"\b(?:is|are) (?:it|there|they|this|that|the \w+)\b[^?.!]{0,12}\b(?:free|charged)\b|\bcharge (?:me|us|for)\b"
        ),
        re.compile(rf"免费|无偿|不收取|收取|收费|费用|费率|{_N}\s*(?:元|万元)"),
        "是否收费和收费标准",
    ),
    # Whether there is money for it (有没有转型补贴？ 给不给贴息？): the texts say so only where they grant it.
    (
        re.compile(
            r"(有没有|有无|给不给|是否有|能不能(?:拿到|领到|申请到?)|能否(?:拿到|领到|申请到?))[^，。？?]{0,12}"
            r"(补贴|补助|奖励|奖补|资助|贴息|扶持资金|资金支持)"
        ),
        re.compile(r"补贴|补助|奖励|奖补|资助|贴息|资金|财政支持|减免|免费|费用"),
        "补贴或资金支持",
    ),
    # What befalls who breaks a rule: the texts state it only in their articles on legal liability.
    (
        re.compile(
            r"(什么|哪些|啥|怎样的|何种)(处罚|惩罚|处分|惩戒|罚则)|(怎么|如何|怎样)(处罚|惩罚|罚|追责|问责|追究)|"
            r"(什么|哪些|啥)(法律)?(后果|责任)|处罚(是什么|有哪些|标准)|\bpenalt(?:y|ies)\b|\bpunish|"
            rf"{BREACH_TOLD}(怎么办|(怎么|如何)处理|会怎么?样)"
        ),
        re.compile(r"处罚|罚款|罚金|处分|追究|法律责任|责令|吊销|没收|警告|惩戒|处以"),
        "具体处罚",
    ),
    (
        re.compile(r"多少人|几个人|人数|多少员工|how many (people|employees|staff)"),
        re.compile(rf"{_N}\s*(?:人|名)"),
        "具体人数",
    ),
    (
        # (哪天起算 asks from which event a period runs, not a date; 到哪一年 asks until when, 哪一年的所得 a year
        # counted from another)
        re.compile(
            r"几月几[号日]|(几号|哪一?天)(?!(开始|起)?(起)?算|算起)|几月份?|哪个月|(?<!到)哪一?年(?![龄级纪度的])|which month|what date"
        ),
        # (a month told by the event it follows: …投入使用月份的次月起计算折旧 says from which month)
        re.compile(
            r"[0-9一二三四五六七八九十]+\s*月(?:\s*[0-9一二三四五六七八九十]+\s*[日号])?|[0-9]{4}\s*年|[次当]月起"
        ),
        "具体日期",
    ),
    # Opening hours of a service line or office: no text states them.
    (
        re.compile(
            r"几点|什么时间段|营业时间|工作时间|办公时间|周末|(?:周|星期|礼拜)[六日天][^，。？?]{0,6}?(?:上班|开门|开放|办公|营业|有人|值班)|节假日|晚上[^，。？?]{0,8}(有人|接|办|开)"
        ),
        # (什么时间段 may ask a period of the year: 每年1月1日至6月30日)
        re.compile(
            r"[0-9一二三四五六七八九十]+\s*[点时](?!击)|小时|工作日|节假日|[0-9一二三四五六七八九十]+\s*月\s*[0-9一二三四五六七八九十]+\s*日"
        ),
        "服务时间",
    ),
    (
        re.compile(
            r"多少天|几天|(?:多少|几)个?工作日|多久|多长时间|有多长|多长(?=[？?呢，,。]|$)|几个月|几年|多快|时限|how long|how soon|how quickly|"
            r"how many (?:working |business |calendar )?(?:days|weeks|months|years|hours)"
        ),
        re.compile(rf"{_N}\s*个?\s*(?:天|日|月|年|工作日|小时)|每年|每月|定期"),  # 压减审查周期 states none
        "具体期限",
    ),
    # Until when something runs or can be applied for: the texts state dates only where they have them.
    (
        re.compile(
            r"执行到|到哪年|哪年结束|什么时候结束|到什么时候|截止到|截至何时|有效期到|延续到|截止(日期|时间)|"
            r"截止(是|到|在)?(哪天|几号|什么时候|何时|几月)|(哪天|几号|什么时候|何时)(开始|报名|申报|受理)?截止|"
            r"(什么时候|啥时候|何时|哪天|几号|几月份?)(开始)?(报名|申报|申请|受理|发放|兑现|到账)|until when|expire|deadline|due date|"
            # (the latest day something must be done by: 最晚什么时候要报完？ 最迟什么时候交？)
            r"(最晚|最迟)(要在|得在|在)?(什么时候|啥时候|何时|哪天|几号|几月)|\bby when\b|\blatest (date|day)\b"
        ),
        re.compile(
            r"[0-9]{4}\s*年|[0-9一二三四五六七八九十]+\s*月\s*[0-9一二三四五六七八九十]+\s*日|[0-9一二三四五六七八九十]+\s*年[内底]|截至|截止|有效期|"
            rf"{_N}\s*个?\s*(?:天|日|月|年|工作日)内|之日起"
        ),
        "截止时间",
    ),
    # Whether something goes on after a day (2027年以后还延续吗？): said only where a text dates it.
    (
        re.compile(
            r"(\d{4}\s*年底?|到期|期满)(以后|之后|过后|后)(还|仍然?|继续)(会)?(延续|继续|执行|有效|适用|享受)|"
            r"(政策|优惠|办法|措施)还(会)?(延续|延期|继续执行)(吗|么|不)|会不会(延续|继续执行)"
        ),
        re.compile(r"[0-9]{4}\s*年|[0-9一二三四五六七八九十]+\s*月\s*[0-9一二三四五六七八九十]+\s*日|截至|截止|有效期"),
        "执行期限",
    ),
    # When something is published or held (申报指南什么时候发布？ 论坛哪天开？): dated only where a text dates it.
    (
        re.compile(rf"(什么时候|啥时候|何时|哪天|几号|几月份?)(才|会|能)?(发布|出台|公布|下发|印发|{_HELD})"),
        re.compile(r"[0-9一二三四五六七八九十]+\s*月(?:\s*[0-9一二三四五六七八九十]+\s*[日号])?|[0-9]{4}\s*年|每年"),
        "具体时间",
    ),
    (
        re.compile(
            r"多少个|多少项|多少家|多少条|(需要|要|至少|最少|最多|有|一共|总共|共)几[个项家条所]|"
            r"(?:能|可以|可)[\u4e00-\u9fff]{0,3}?几[个项家张份笔]|how many|"  # (一年能领几张？)
            # (how many rounds or batches: 一年办几期？ 分几批？ — not 这几期, 前几批)
            r"(?<![这那前近头第好])几(?:期|批|轮|届)(?![间])"
        ),
        # (一批, 一期: some, not a count — 择优奖补一批 states none)
        # (nor 第三十条: a provision referred to)
        re.compile(
            rf"(?<![第\d零〇一二两三四五六七八九十百千万亿]){_N}\s*(?:个|项|家|条|次|所|张|份|笔)"
            r"|(?<![第\d])(?:\d+|[两二三四五六七八九十百]+)\s*(?:期|批|轮|届)"
        ),
        "具体数量",
    ),
    # Which ones, by name: the texts list names only where they do.
    (
        re.compile(
            r"哪(\d+|[二两三四五六七八九十百]+)[个家项条所]|(名单|清单|目录)(是什么|有哪些|在哪)|"
            # (what is on it: 清单上现在具体有哪几项？ 名单里都有哪些企业？)
            r"(名单|清单|目录)[上里中][^，。？?]{0,6}(有哪些|有哪几|包括哪些|都有什么|有什么)|"
            r"(有|包括)哪些(企业|单位|项目|平台|园区|行业|机构)(入选|入围|在内)"
        ),
        re.compile(r"[^，。；、]{2,}、[^，。；、]{2,}、"),
        "具体名单",
    ),
    # Which places: the texts name places only where they have rules for them.
    (
        re.compile(
            # (…论坛在哪里开？: 开 ending the clause is an event held)
            rf"(哪些|哪几个|哪个)(城市|省份?|地区|区县|区(?!域|别)|县|市)|都在哪|设在哪|在哪(里|儿)?(?:{_HELD}|开(?=[？?。，,！!呢啊]|$))|"
            r"\bwhich (cities|provinces|city|province)\b"
        ),
        # (or where a body sets something up: 在政务服务中心建设首贷服务中心)
        re.compile(
            r"[\u4e00-\u9fff]{2,}(?<!城)市(?![场级民值])|[\u4e00-\u9fff]{2,}(?:省|自治区)|"
            r"在[^，。；、]{2,12}(?:设立|建设|设置|设有|开设)"
        ),
        "具体地点",
    ),
    # Whether the asker's own locality runs something: no national text can say.
    (
        re.compile(
            r"(我们|咱们|俺们|我这|本|当地|这边)(省|市|县|区|镇|乡|街道|园区|开发区|地区|这边|当地)?[^，。？?]{0,8}"
            # (我们县有没有？: whether it has what was just told of)
            r"((有没有|有吗)(这个|这种|这类|该|此|(?=[？?，,。！!]|$))|(开展|落地|实施|推行|搞|设|建)(了没有|没有|了吗|吗))|"
            # …or which ones it has, or what its own are called (我们县有哪些项目？ 我们市的担保机构叫什么？)
            r"(我们|咱们|俺们|当地|本地)(省|市|县|区|镇|乡|街道|园区|开发区)(今年|现在|目前)?的?[^，。？?]{0,12}(哪些|哪几|哪个|哪一?家|叫什么)"
        ),
        _NEVER,
        "当地是否开展",
    ),
    (
        re.compile(r"号码|(?<!打)电话|热线|多少号|联系方式|联系人|邮箱|phone|hotline|contact"),
        re.compile(r"[0-9]{5,}"),  # 12366 (four digits are a year or an amount)
        "联系方式",
    ),
    # Which division inside a body: the texts name bodies, not their divisions (发改委哪个处室？).
    (
        re.compile(r"(?:哪个|哪一个|什么|哪几个)(?:处室|科室|股室)|\b(?:which|what) division\b"),
        _NEVER,
        "具体处室",
    ),
    # Where an office is: the texts name bodies, not their street addresses.
    (
        re.compile(
            r"(什么|哪个)地址|地址(是|在)?(哪|什么|多少)|门牌|办公地点|"
            r"\b(the|its|their|office|street|mailing|postal) address\b|\baddress of\b"
        ),
        re.compile(r"[\u4e00-\u9fff]{1,12}(?:路|街|大道|巷)\s*[0-9一二三四五六七八九十]+\s*号|地址[:：]"),
        "具体地址",
    ),
    # Where to find something online: the texts give no addresses or links.
    (
        re.compile(
            r"网址|链接|官网|哪个网站|什么网站|网站是|在哪下载|哪里下载|下载地址|app叫什么|公众号|小程序|\bwebsite\b|\bdownload\b|\burl\b|"
            # (where in an online system: 在电子税务局哪个菜单里填？)
            r"(?:哪个|哪一个|什么|哪些)(?:菜单|栏目|页面|模块|入口|按钮)|\b(?:which|what) (?:menu|page|tab|button)\b"
        ),
        re.compile(r"https?://|www\."),
        "网址、系统入口或下载地址",
    ),
    (
        re.compile(
            r"怎么计算|怎么算|如何计算|计算方法|按(什么|啥|哪个|哪种)[^，。？?]{0,6}(算|计算|计)|how (is|do (i|we)) .{0,20}calculat"
        ),
        # (…减除资产净值、清算费用…后的余额: a definition stating the sum; 超过500万元的部分，减半征收: a rule by tiers)
        re.compile(
            r"计算|按照|乘以|除以|减除|减去|余额|差额|之和|%|％|百分之|分之|(?:超过|以上|以下|以内)[^，。；]{0,6}的部分|减半"
        ),
        "计算方法",
    ),
    # Eligibility and procedure: stated only in some places.
    (
        re.compile(
            # (not 符合条件的纳税人, 够条件享受: eligibility named, no condition asked)
            r"(?<!符合)(?<!满足)(?<!够)条件(?!的)|标准|门槛|硬性要求|资格|认定指标|指标|怎么(打分|评分|评审|认定)|如何(打分|评分|认定)|"
            r"eligib|criteria|requirements?\b|qualif|\bthresholds?\b|"
            r"\bminimum\b|net profit|\brevenue\b"
        ),
        # (a standard may be a limit: 最高不得超过…的5‰)
        # (not 符合条件的企业: eligibility named, not stated)
        # (not 划分标准由…制定: who sets the standard, none stated — unless that is what is asked, see stated_as_asked)
        re.compile(
            rf"条件(?!的)|标准(?!{_SET_BY.pattern})|是指|符合下列|应当具备|不得?超过|不得?低于|以上|以下|%|％|‰|分之"
        ),
        "具体条件和标准",
    ),
    (
        re.compile(
            r"怎么办理|如何办理|办理流程|流程|需要准备|准备哪些|哪些材料|什么材料|哪些资料|什么资料|备查资料|手续|"
            r"(交|提交|准备|带|提供)(哪些|什么)(材料|资料|证明|文件|证件|凭证|单据|东西)|去哪办|去哪里办|在哪里办|"
            # (…怎么办？ asks what to do, not how to file: 办 with what is filed after it)
            r"(怎么|咋|怎样)(报名|参加|预约|申请|申报|登记|对接|加入|入驻|参与|领取|兑现|办理|办(?![？?。！!，,呢啊吧]|$)|弄|操作|登录|注册|开通|退|补办|补领|挂失|查询|查(?!处|封))|"
            # (where it is filed, between: 怎么在电子税务局申报？ 如何向税务机关申请？)
            r"(怎么|咋|怎样|如何)(在|向|去|到|通过)[^，。？?]{1,10}(申报|申请|报名|办理|登记|填报|补办|补)|"
            r"如何(报名|参加|预约|申请|申报|登记|对接|加入|入驻|参与|领取|兑现|补办|补领|挂失|查询)|"
            r"(去|到|在|找)哪(儿|里|家|个)?[^，。？?]{0,4}(报名|申请|申报|登记|领|办)|"
            r"(需不需要|要不要|是否需要|用不用|需要)[^，。？?]{0,10}(报备|备案|报批|审批)|(找谁|向谁|跟谁)(申请|报名|办)|(申请|报名|办理)(流程|步骤|方式|渠道|入口)|"
            r"哪个窗口|线上还是线下|走什么流程|"
            r"怎么填|如何填|填什么|在哪里填|填哪[些几张份]|(?:报|交)(?:哪些|什么|哪几张|哪张|哪个)表|(what|which)(?:'s| is| are)? (?:the )?(?:\w+ )?procedures?\b|procedures? (for|to)\b|"
            r"documents? (do|are) (i|we) need|"
            r"how (do|can|should) (i|we) (register|apply|sign up|join)|how to (apply|register|sign up)|application process"
        ),
        re.compile(
            # (not 按照国务院的规定…申请退还: what another rule says is done, no procedure stated)
            r"程序|流程|材料|手续|提交|提出申请|按照(?![^，。；]{0,12}规定)[^，。；]{1,30}(?:办理|申请|登记)|"
            r"向[^，。；]{1,30}(?:申请|提出|报送|备案|登记|投诉|举报|申报|提供)|办理[^，。；]{0,10}(?:登记|手续|变更)"
        ),
        "办理流程和材料",
    ),
    (
        re.compile(
            # (多少研发投入？ listed after 要多少营收、: the verb is the first ask's)
            r"^多少|是多少|要多少|有多少|多少钱|多少[啊呀呢吧哇嘛哦]*(?:$|[?？])|按多少(?:交|缴|征|算|计|扣)|多少(以下|以上|以内|之内)|规模(有|是)?多大|多大(的)?规模|how much|"
            r"多少(吨|分|平米|平方米|亩|度|台|套|次|倍|级|档)|几(吨|分|级|档|倍)|"
            # (a count of times bounded or in a period: 一年最多查几次？ — not 能不能少来几次？, fewer)
            r"(?:最多|最少|至少|一共|总共|每年|一年|每月|一个月)[^，。？?]{0,3}几次|(低于|高于|超过|达到|不少于|不低于|不超过)多少"
        ),
        re.compile(rf"\d|{_N}\s*[个项家天日月年人元次倍%]|百分之|千分之|万分之|每年|定期"),
        "具体数字",
    ),
)


# A figure asked with its measure word (多少倍？ 几个工作日？ 多少亿元？) is stated only by a figure in that
# measure (or one it converts to: 日 for 天, 万元 for 亿元) — 担保费率1% states no multiple.
_MEASURES = (
    ("倍",),
    ("天", "日", "工作日"),
    ("小时",),
    ("周", "星期"),
    ("年",),
    ("个月",),
    ("亿元", "万元", "元", "亿", "万", "块", "人民币"),
    ("个点", "个百分点", "百分点"),  # (a share is also printed 1% or 百分之一)
    ("人", "名"),
    ("家",),
    ("次",),
    ("项",),
    ("户",),
    ("吨",),
    ("亩",),
    ("平方米", "平米"),
)
# 万 and 亿 said alone measure a sum (多少万？ 50万以下) only where no word follows that they count (百万青年);
# before another measure they multiply it (多少万人？ 300万户).
_BARE_MULTIPLIER = r"[万亿](?![\u4e00-\u9fff])|[万亿](?=[的以左及])"
_MEASURE_ASKED = re.compile(  # (这几年 最近几个月: 几 that does not ask; 第几项 asks where, not how many)
    r"(?:多少|(?<![这那前近头第])几)\s*个?\s*(?:[百千万亿](?!元))?("
    + "|".join(sorted({m for family in _MEASURES for m in family}, key=len, reverse=True))
    + ")"
)
# Where a number starts: not inside another (the 500 of 1500, the 十 of 二十).
_NUMBER_STARTS = r"(?<![\d零〇一二两三四五六七八九十百千万亿.])"
# A whole number, not a date's day or a year (1月1日, 2011年; 每月1500元 is a sum).
_WHOLE_NUMBER = rf"{_NUMBER_STARTS}(?!(?<=月){_N}\s*[日号])(?![12]\d{{3}}\s*年){_N}"


def measure_stated(unit: str) -> re.Pattern[str] | None:
    """How a text states the figure an asking part asks with its measure word (None: it names no measure).

    >>> bool(measure_stated("放大倍数上限是多少倍？").search("放大10倍")), measure_stated("能贷多少？")
    (True, None)
    >>> bool(measure_stated("要等几天？").search("10个工作日内")), bool(measure_stated("几个点？").search("不超过1%"))
    (True, True)
    >>> measure_stated("平台又加了好几项收费，能这么干吗？"), measure_stated("多少天内？").search("每年1月1日至6月30日")
    (None, None)
    >>> measure_stated("这个比例要求在第几项？")  # where it is written: no count of items asked
    """
    told = A_FEW.sub("若干", unit.lower())  # (好几项 tells, it does not ask)
    asked = [m.group(1) for m in _MEASURE_ASKED.finditer(told)]
    if not asked:
        return None
    return _stated_in(next(f for f in _MEASURES if asked[-1] in f))


def _stated_in(family: tuple[str, ...]) -> re.Pattern[str]:
    """How a text states a figure in one family of measures (10个工作日 for 天; 1% for 个点)."""
    measures = dict.fromkeys(re.escape(m) if m not in "万亿" else _BARE_MULTIPLIER for m in family)
    stated = rf"{_WHOLE_NUMBER}\s*[百千万亿]?\s*个?\s*(?:{'|'.join(measures)})"
    return re.compile(stated + ("|%|％|百分之" if "个点" in family else ""))


# Papers asked for by name (要带哪些材料？ 要交什么证明？) are stated only by a text that names papers (申请书, 材料):
# 办理注销登记 says where to go, not what to bring.
_PAPERS = r"(?<!原)材料|资料|证明|证件|申请书|申请表|表格|凭证|清单"
# …stated where a text says what is handed in (应当提交申请书和营业执照), not where it names papers received
# (自收到投诉材料之日起30日内)
# (…, not where it makes being able to provide them a condition: 能够提供准确税务资料的)
_PAPERS_STATED = re.compile(
    rf"(?<!能够)(?<!能)(?:提交|提供|出具|附|携带|报送|递交|填写|填报|凭)[^。；]{{0,20}}(?:{_PAPERS})"
)
_PAPERS_ASKED = re.compile(rf"(哪些|什么|啥|哪几样|几样)(?:{_PAPERS})|(?:{_PAPERS})(有哪些|是什么|要哪些|包括哪些)")


# A fine asked (罚多少钱？ 罚款上限是多少？) is stated only by a sentence stating a sum as a fine, not an interest owed
_FINE_ASKED = re.compile(r"罚(?:款|金|了|他们|他|它|对方)?[^，。？?]{0,4}(?:多少|几)|罚款(?:上限|下限|标准|金额|数额)")
_AMOUNT = rf"{_N}\s*(?:元|万元|亿元)|[百千万]分之|%|％|倍"
_FINE_STATED = re.compile(rf"罚[^。；]*?(?:{_AMOUNT})|(?:{_AMOUNT})[^。；]*?罚")


def stated_as_asked(unit: str, label: str) -> re.Pattern[str] | None:
    """How a text states what an asking part asks (``label``: the kind it asks), where its words ask for it
    precisely: a figure in the measure it names (measure_stated), a fine (a sum stated as one), or the papers a
    procedure question asks for, or who sets a standard (None: the kind's own pattern applies).

    >>> papers = stated_as_asked("注销要带哪些材料？", "办理流程和材料")
    >>> bool(papers.search("应当提交申请书和营业执照")), papers.search("应当依法办理注销登记。")
    (True, None)
    >>> papers.search("会计核算健全，能够提供准确税务资料的，可以登记")  # a condition, not papers handed in
    >>> stated_as_asked("怎么办理？", "办理流程和材料"), stated_as_asked("划分标准是多少？", "具体条件和标准")
    (None, None)
    >>> bool(stated_as_asked("划分标准是什么材料规定的？", "具体条件和标准").search("划分标准由国务院有关部门制定"))
    True
    """
    if label in ("具体金额", "具体数字") and _FINE_ASKED.search(unit):  # (罚款多少？ asks a sum by 多少 alone)
        return _FINE_STATED
    if measure := measure_stated(unit):
        return measure
    if set_by := _set_by_whom(unit, label):
        return set_by
    return _PAPERS_STATED if label == "办理流程和材料" and _PAPERS_ASKED.search(unit) else None


def how_stated(unit: str, label: str) -> re.Pattern[str]:
    """How a text states what an asking part asks (``label``: the kind it asks): as its words ask for it precisely
    (``stated_as_asked``), else as that kind is stated."""
    return stated_as_asked(unit, label) or _STATES[label]


# The kinds of specifics that are figures: a figure is always a figure of something named beside it.
_FIGURES = frozenset({"具体金额", "具体比例或费率", "具体人数", "具体日期", "具体期限", "具体数量", "具体数字"})
# General words that name a figure as such, not what it is of (贷款额度最高多少？ 扣除限额是多少？).
_NAMES_A_FIGURE = re.compile(
    r"额度|限额|数额|金额|标准|上限|下限|幅度|水平|数量|数目|比例|比重|占比|期限|时限|时间|日期|人数|天数|年限|数字"
)
_GENERAL_AT_END = re.compile(rf"(?:{_NAMES_A_FIGURE.pattern})$")


def names_a_figure_as_such(word: str) -> bool:
    """Whether a word names a figure, not what it is of (比例, 期限, 上限).

    >>> names_a_figure_as_such("比例"), names_a_figure_as_such("投诉")
    (True, False)
    """
    return _NAMES_A_FIGURE.fullmatch(word) is not None


_STATES = {label: states for _, states, label in _SPECIFICS}  # what to call specifics → how a text states them
# (asked who sets a standard: a sentence saying who does states it)
_CONDITIONS_OR_WHO_SETS_THEM = re.compile(rf"{_STATES['具体条件和标准'].pattern}|标准")

# Details of taking part in something a text describes (not a figure or criterion it would have to
# state): a question that names or first states what they are of gets that answered, the detail named as missing.
_DETAILS = frozenset({"是否收费和收费标准", "当地是否开展", "办理流程和材料", "补贴或资金支持"})

_INTERROGATIVE = re.compile(
    r"[百千万]分之(?:几|多少)|几月份?|几号|多少钱|多少|几成|几个点|哪几|几|哪些|哪个|哪里|什么|怎么样|怎么|如何|是否"
)
# Words that frame a question as one (想确认一下, 请问, 想咨询下): they ask, they name nothing asked about.
# (一下 only, and 请问 not in 申请问题: 了解下岗, 确认下来 and 确认下账目 say what is asked about)
_ASKING_FRAME = re.compile(
    r"(?:我们|我)?(?:想要|想|要|来)?(?:确认|核实|核对|咨询|了解|请教|打听|问)一下|(?<!申)请问|想问问?|"
    r"(?:法律|政策|规定)上(?![限面升涨调级市网线])|(?:按|按照|依照|根据)(?:法律|规定|政策)(?:规定)?(?!性)|依法|"  # (法律上大企业最晚…: by law)
    r"(?:按|按照)(?:什么|啥|哪个|哪种)(?:标准|方法|办法|方式|规则)?来?(?:计算|算|计)?|"  # (按什么标准算？ asks how, naming nothing)
    r"(?:按|按照|依照|根据)?(?:法律|法规|政策|文件)上?(?:要求|规定)(?!性)"  # (按法规要求多少天内要付款？: what the rules require)
)
# Words a question asks about the documents with (文件里对…有啥说法？ 哪几家单位负责？ 是第几条？): general forms
# of asking, naming nothing the documents are asked about.
_ABOUT_THE_TEXT = re.compile(
    r"(?:文件|政策|条例|法律|法规|规定|通知|意见)(?:(?:里面|里头|当中|里|中)(?:说|讲|提|写|是|对|关于|针对)?|说|讲|提到|写)|"
    r"(?:有|是)?(?:什么|啥|哪些)(?:说法|讲法|提法)|怎么说|怎么讲|"
    r"(?:哪几家|哪几个|哪些|哪个|哪家)(?:单位|部门|机构)|这块|这一块|这一步|这方面|"
    r"(?:第几|哪一?)(?:条|款|项)"
)
# …and where a part asks a size or a length (规模有多大？ 见习期多长？): not words to leave out of its topic (按多大比例？)
_ASKED_AT = re.compile(rf"{_INTERROGATIVE.pattern}|多大|多长")

# Requests for another kind of task (write, translate, predict, reveal instructions): never a
# question about the policy, however close its words are to the policy's.
_OTHER_TASK = re.compile(
    r"写一[首篇个段份]|帮我写|给我写|写首|作诗|写诗|翻译|译成|编程|写代码|写个程序|写一段代码|爬虫|写脚本|笑话|讲个故事|"
    # (a forecast asked — 明天天气怎么样？ 会不会下雨？ —, not a remark on the weather: 今天天气真冷啊)
    r"天气(?:预报|怎么样|如何|咋样|情况)|(?:明天|后天|今天|这周|周末|下周)[^，。？?]{0,4}"
    r"(?:(?:会不会|下不下|会|要)(?:下雨|下雪)|(?:下雨|下雪)(?=吗|么|不|[?？])|气温|多少度)|"
    r"推荐.{0,4}股票|哪只股票|买什么股票|股票推荐|概念股|涨停|彩票|"
    # a look-up of the records of the asker or of a firm it names (帮我查一下我们公司的信用评级, 查下这家供应商的征信记录): no
    # policy holds them — not a question on records in general (帮我查一下失信记录怎么修复)
    r"(?:帮|给|替)(?:我|我们|咱们)查(?:一下|一查|查|询|下)?(?:我|我们|咱们|本|这家|那家|该)[^，。？?]{0,8}?"
    r"(?:信用评级|信用等级|征信|记录|进度|审批结果|余额|状态)|"
    # a product or provider to buy from (推荐个记账软件, recommend good accounting software): no policy says
    r"推荐(一下|一款|几款|一个|个|几个|一家|几家)?[^，。？?]{0,6}(软件|app|APP|工具|品牌|牌子|代账公司|律师|会计师事务所)|"
    r"\brecommend\b[^?.!]{0,40}\b(software|apps?|tools?|brands?|lawyers?|accountants?)\b|"
    r"(忽略|无视|忘记|忘掉)(你|之前|上面|以上|前面|所有|全部|先前)[^，。,.]{0,8}(指令|指示|提示|规则|设定|要求)|"
    r"系统提示|提示词|越狱|扮演|你现在(不再)?是|不再受.{0,10}限制|不受.{0,8}(限制|约束)|编一[条段个份]|编造|捏造|伪造一|"
    r"\bwrite (me )?an?\b|\bpoem\b|\btranslat|\bjoke\b|\bweather\b|stock tips|which stocks|stock picks|buy stocks|"
    r"\bignore (all|your|the|previous|prior)\b.{0,20}\b(instructions|rules|prompt)|"
    r"system prompt|\bjailbreak|pretend (to be|you are)|you are now|\b(disregard|forget) (your|all|the|previous)\b|"
    r"\bstocks? (should|to|can) (i|we) buy|\bwhich .{0,20}stocks\b",
    re.IGNORECASE,
)


# A paper told lost (发票弄丢了, 发票联和抵扣联都丢了, 营业执照原件找不到了): a word of papers right before a word of
# losing — the paper itself, not what it is about (专票对应的货物被盗了, 存货丢失需要什么证明) — and the words in which a
# text speaks of a loss.
_PAPER_WORDS = r"(?:票|照|证|章|合同|凭证|原件|单据|收据|联|账簿|账本)"
_PAPER_LOST = re.compile(
    rf"{_PAPER_WORDS}(?:的?(?:原件|正本|副本|\w{{2}}联))?(?:[和、与及]\w{{1,6}}?{_PAPER_WORDS})?"
    r"(?:都|也|已经|不小心)?(?:被\w{1,5}?)?(?:弄|给|搞)?(?:丢|遗失|丢失|找不到了|被偷|被盗|失窃|烧毁|损毁)"
)
_LOSS_SPOKEN = re.compile(r"丢失|遗失|灭失|毁损|损毁|盘亏|损失")
# A figure named after a loss (…还要在60天内付款吗？): the rule asked of is its own.
_FIGURE_NAMED = re.compile(r"\d|[一二三四五六七八九十百千]+(?:天|日|个月|年|万)")


def tells_a_lost_paper(
    question: str, provision_text: str, names_a_term: Callable[[str], bool] = lambda _: False
) -> bool:
    """Whether the question's first asking sentence (with what is told before it) tells of a paper lost and asks
    what that means, which the provision, speaking of no loss, does not say (专用发票弄丢了，还能抵扣吗？ beside the
    article on deducting input tax; not 公益性捐赠怎么扣除？捐赠票据丢了去哪补开？, whose first question is answered).
    What it asks after the loss asks of a rule of its own when it names or asks a figure, or names a term
    ``names_a_term`` finds (合同原件找不到了，大企业还要在60天内付款吗？ 合同丢了，机关单位最晚多久要付款？ …还能申请
    创业担保贷款吗？): the loss is only told along the way.

    >>> tells_a_lost_paper("专用发票弄丢了，还能抵扣吗？", "纳税人的进项税额…准予从销项税额中抵扣。")
    True
    >>> tells_a_lost_paper("发票被盗造成的损失能扣除吗？", "所称损失，是指…毁损、报废损失")
    False
    >>> tells_a_lost_paper("营业执照原件找不到了，怎么补办？", ""), tells_a_lost_paper("找不到人开发票，能扣除吗？", "")
    (True, False)
    >>> tells_a_lost_paper("专票对应的货物被盗了，进项税额要转出吗？", ""), tells_a_lost_paper("存货丢失需要什么证明？", "")
    (False, False)
    >>> tells_a_lost_paper("合同找不到了，还要在60天内付吗？", ""), tells_a_lost_paper("合同丢了，最晚多久要付款？", "")
    (False, False)
    >>> tells_a_lost_paper("捐赠怎么扣除？捐赠票据丢了去哪补开？", "…准予扣除。"), tells_a_lost_paper("专用发票能抵扣吗？", "")
    (False, False)
    """
    first = next(iter(asking_sentences(question)), "")
    told = question[: question.find(first) + len(first)] if first in question else question
    lost = _PAPER_LOST.search(told)
    if not lost or _LOSS_SPOKEN.search(provision_text):
        return False
    asked = told[lost.end() :]
    return not (_FIGURE_NAMED.search(asked) or asks_a_figure(asked) or names_a_term(asked))


def names_a_library_term(text: str, searcher: HybridSearcher) -> bool:
    """Whether a text writes five Chinese characters or more in a row as some provision does (创业担保贷款, 小型微利企业 —
    whatever jieba cuts them into; not four, which a deed of using the paper takes: 抵扣进项)."""
    runs = re.findall(r"[\u4e00-\u9fff]{5,}", text)
    terms = {run[i : i + n] for run in runs for n in range(5, min(len(run), 8) + 1) for i in range(len(run) - n + 1)}
    return any(term in provision.text for term in terms for provision in searcher.provisions)


def asks_other_task(question: str) -> bool:
    """A request for another kind of task, not a question about the policy.

    >>> asks_other_task("帮我写一首诗"), asks_other_task("公司想发行股票上市，有什么支持")
    (True, False)
    >>> asks_other_task("帮我查一下我们公司的信用评级"), asks_other_task("帮我查一下企业信用信息公示有什么规定")
    (True, False)
    """
    return bool(_OTHER_TASK.search(question))


@dataclass(frozen=True)
class ScopeFeatures:
    dense: float
    coverage: float
    words: int  # content words in the question
    missing_specifics: str  # what the question asks that no best provision states, 、-joined ("" when nothing)
    partial: bool = False  # …and it asks something else the library may answer: the rest is answered
    unanswered: tuple[
        tuple[str, str], ...
    ] = ()  # asking parts whose specifics no best provision states, and what they ask
    other_task: bool = False
    foreign_place: bool = False  # the asking part names a place the library has no rules for
    unnamed_tax: bool = False  # …or a tax no provision of the library names (印花税, 房产税)
    lost_paper: bool = False  # it tells of a paper lost, of which the best provision speaks of no loss
    language: str = "zh"  # "en" when most content words are English
    margin: float = 0.0  # dense: best provision minus the second
    lift: float = 0.0  # dense: best provision minus the mean over all provisions
    words_rank: float = 0.0  # 1 / rank of the best provision in the BM25 list over jieba words (0: absent)
    chars_rank: float = 0.0  # … over character n-grams
    idf_coverage: float = 0.0  # coverage with each word weighted by its rarity in the library
    unseen: float = 0.0  # share of the question's weight in words no provision of the library uses
    figures_missing: float = 0.0  # share of the question's figures (by value) the best provision does not state
    provisions: int = 0  # how many provisions the library has (which threshold applies; 0: the default)

    def vector(self) -> tuple[float, ...]:
        """The model's inputs, in FEATURE_NAMES order."""
        return (
            self.dense,
            self.margin,
            self.lift,
            self.coverage,
            math.log1p(self.words),
            float(self.language == "en"),
            self.words_rank,
            self.chars_rank,
            self.idf_coverage,
            self.unseen,
            self.figures_missing,
        )


@dataclass(frozen=True)
class ScopeModel:
    """Logistic regression over the standardised signals z = (x − mean) / scale and their pairwise
    products: P(out of scope) = σ(w · model_terms(z) + b)."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float  # refuse when P(out of scope) ≥ threshold
    # (provisions in the library, its threshold): a library's threshold is that of the fitted library
    # nearest in size (one document's questions reach it differently from a whole library's)
    thresholds_by_size: tuple[tuple[int, float], ...] = ()
    fitted_on: str = ""  # the question files
    embedder: str = ""  # dense similarities are embedder-specific: refit for another embedder

    @classmethod
    def answering_all(cls, embedder: str) -> ScopeModel:
        """A model that refuses nothing (only the hard rules do): for fitting a new model, and for tests."""
        n = len(FEATURE_NAMES)
        zeros = (0.0,) * term_count(n)
        return cls(FEATURE_NAMES, (0.0,) * n, (1.0,) * n, zeros, bias=-10.0, threshold=0.5, embedder=embedder)

    def probability(self, f: ScopeFeatures) -> float:
        z = (np.asarray(f.vector()) - np.asarray(self.mean)) / np.asarray(self.scale)
        return float(1.0 / (1.0 + np.exp(-(model_terms(z) @ np.asarray(self.weights) + self.bias))))

    def threshold_for(self, provisions: int) -> float:
        """The threshold for a library of this many provisions."""
        if not self.thresholds_by_size or provisions <= 0:
            return self.threshold
        return min(self.thresholds_by_size, key=lambda st: abs(math.log(st[0] / provisions)))[1]

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)

    @classmethod
    def load(cls, path: Path = SCOPE_MODEL_FILE) -> ScopeModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        data["thresholds_by_size"] = tuple(tuple(pair) for pair in data.get("thresholds_by_size", ()))
        model = cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})
        if model.features != FEATURE_NAMES or len(model.weights) != term_count(len(FEATURE_NAMES)):
            raise ValueError(f"{path} was fitted on other features: run `python -m eval --calibrate --write`")
        return model


def model_terms(z: np.ndarray) -> np.ndarray:
    """The model's terms of standardised signals (one row, or one per row): the signals, then the
    product of every pair of them (each with itself too).

    >>> model_terms(np.array([1.0, 2.0])).tolist()
    [1.0, 2.0, 1.0, 2.0, 4.0]
    """
    i, j = np.triu_indices(z.shape[-1])
    return np.concatenate([z, z[..., i] * z[..., j]], axis=-1)


def term_count(n: int) -> int:
    """How many terms ``model_terms`` gives for n signals."""
    return n + n * (n + 1) // 2


@functools.cache
def default_model() -> ScopeModel:
    return ScopeModel.load()


def asked_specifics(question: str) -> re.Pattern[str] | None:
    """How the specifics the question's asking part wants would look in a text (None: it wants none).

    >>> asked_specifics("服务月是几月？") is not None, asked_specifics("能申请吗？")
    (True, None)
    """
    return states_pattern(question_core(question))


def asks_a_figure(text: str) -> bool:
    """Whether the specifics a text asks for first are a figure (an amount, a rate, a period…).

    >>> asks_a_figure("最多能贷多少？"), asks_a_figure("能享受哪些政策？")
    (True, False)
    """
    return asked_kind(text) in _FIGURES


def asked_kind(text: str) -> str:
    """What to call the specifics a text asks for first ("" when it asks none).

    >>> asked_kind("征收率是多少？"), asked_kind("能申请吗？")
    ('具体比例或费率', '')
    """
    return next((label for _, _, label in _specifics_asked(text)), "")


def states_pattern(text: str) -> re.Pattern[str] | None:
    """How the specifics a text asks for anywhere (the first kind asked) would look in a provision."""
    return next((_set_by_whom(text, label) or states for _, states, label in _specifics_asked(text)), None)


def _set_by_whom(unit: str, label: str) -> re.Pattern[str] | None:
    """How a text states who sets a standard, when that is what a part asks (标准是由谁规定的？)."""
    return _CONDITIONS_OR_WHO_SETS_THEM if label == "具体条件和标准" and _ASKS_WHO_SETS.search(unit) else None


def stating_share(
    states: re.Pattern[str],
    provision_text: str,
    words: Sequence[str],
    written: Callable[[str, str], bool] | None = None,
    with_lead: bool = False,
    weight: Callable[[str], float] | None = None,
    required: str = "",
    each: bool = False,
) -> float:
    """How well a provision states such specifics about what is asked: the largest share of ``words`` in
    one of its sentences that ``states`` matches (0 when none does). A signal of the learned fusion.
    ``written``: whether a word is in a sentence (as a substring by default); ``with_lead``: an item of a
    list is read with the sentence that leads into it (…折旧的最低年限如下：（五）电子设备，为3年。); ``weight``: what
    each word counts (1 by default); ``required``: a word the sentence must hold; ``each``: the items of one list
    are also read together (工业企业和其他企业的标准分别是什么？ asks of two items, each stating its own).

    >>> stating_share(re.compile(r"%"), "罚金、罚款不得扣除。缴纳的税款按照10%扣除。", ["罚款", "扣除"])
    0.5
    >>> years = re.compile(r"年")
    >>> items = "房屋的年限如下：\\n（一）楼房，为20年；\\n（二）平房，为10年。\\n生物资产的年限如下：\\n（一）畜类，为3年；\\n（二）林木，为10年。"
    >>> asked = ["林木", "生物资产"]
    >>> stating_share(years, items, asked), stating_share(years, items, asked, with_lead=True)
    (0.5, 1.0)
    """
    stating = [s for s in _sentences(provision_text, with_lead) if states.search(s[-1])]
    if each and with_lead:
        by_lead: dict[str, list[str]] = {}
        for lead, sentence in stating:
            if lead:
                by_lead.setdefault(lead, []).append(sentence)
        stating += [(lead, "".join(items)) for lead, items in by_lead.items() if len(items) > 1]
    if not words:
        return float(bool(stating))
    written = written or (lambda word, sentence: word in sentence)
    weight = weight or (lambda word: 1.0)
    total = sum(map(weight, words)) or 1.0
    return max(
        (
            sum(weight(w) for w in words if written(w, sentence)) / total
            for sentence in ("".join(s) for s in stating)
            if not required or written(required, sentence)
        ),
        default=0.0,
    )


def _sentences(text: str, with_lead: bool = False) -> list[tuple[str, str]]:
    """(what leads into it, the sentence) for each sentence of a text; with ``with_lead``, the lead of a list
    item's line is the last sentence of the line its list hangs from — the line closing with a colon reached
    back over the items of its kind (…如下：（一）…（二）…; 1．… under （二）…：, not the （三） after them) —, the lead
    of a sentence extending a period (…可适当延长，但…最长不得超过90日) the sentence before it, else nothing.

    >>> _sentences("税率：\\n（一）甲；\\n（二）乙为九：\\n1．丙；\\n（三）丁。", with_lead=True)[2:]
    [('税率：', '（二）乙为九：'), ('（二）乙为九：', '1．丙；'), ('', '（三）丁。')]
    """
    if not with_lead:
        return [("", s) for s in _SENTENCES.split(text)]
    lines = text.split("\n")
    stripped = [line.strip() for line in lines]
    out = []
    for at, line in enumerate(lines):
        before = before_its_siblings(stripped, at)
        hangs_from = before if before is not None and stripped[before].endswith("：") else None
        lead = _SENTENCES.split(lines[hangs_from].rstrip())[-1] if hangs_from is not None else ""
        sentences = [s for s in _SENTENCES.split(line) if s]
        # (…可适当延长，但处理期限最长不得超过90日 extends the period of the sentence before it, and 向社会公开征求意见的
        # 期限… opens with what it ended on: read with it)
        out += [
            (sentences[i - 1] if not lead and i and _goes_on_from(sentences[i - 1], s) else lead, s)
            for i, s in enumerate(sentences)
        ]
    return out


_OPENING_TAKEN_UP = 6  # characters a sentence opens with that the one before it wrote: it goes on about that
_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")


def _goes_on_from(before: str, sentence: str) -> bool:
    """Whether a sentence goes on from the one before it: it extends its period, or opens with words it wrote."""
    opening = sentence[:_OPENING_TAKEN_UP]
    return bool(_EXTENDS_THE_ONE_BEFORE.search(sentence)) or (
        len(opening) == _OPENING_TAKEN_UP and _CJK_ONLY.fullmatch(opening) is not None and opening in before
    )


# A sentence extending a period the sentence before it sets (情况复杂的，可以延长…): a general form of drafting.
_EXTENDS_THE_ONE_BEFORE = re.compile(r"延长|顺延|展期")


def before_its_siblings(clauses: Sequence[str], at: int) -> int | None:
    """For a list item (（一）… or 1．…), the clause right before it and the items of its kind before it — where
    the list hangs from when that clause ends in a colon (None: not an item, or nothing before).

    >>> before_its_siblings(["税率：", "（一）甲；", "（二）乙为九：", "1．丙；", "2．丁；", "（三）戊。"], 4)
    2
    >>> before_its_siblings(["税率：", "（一）甲；", "（二）乙为九：", "1．丙；", "2．丁；", "（三）戊。"], 5)
    4
    """
    kind = next((k for k in (ITEM, SUBITEM) if k.match(clauses[at])), None)
    if kind is None:
        return None
    before = at - 1
    while before >= 0 and kind.match(clauses[before]):
        before -= 1
    return before if before >= 0 else None


def _specifics_asked(text: str) -> list[tuple[re.Pattern[str], re.Pattern[str], str]]:
    """The first kind of specifics a text asks for (as a list: empty when none). A figure the text
    asks to confirm (是不是补贴30%？) asks for that kind of figure: a text stating none does not answer.

    >>> [label for *_, label in _specifics_asked("国家是不是补贴设备款的30%？")]
    ['具体比例或费率']
    >>> [label for *_, label in _specifics_asked("how many days do they have to pay?")]
    ['具体期限']
    >>> [label for *_, label in _specifics_asked("合同写了按比例付款，这种约定可以吗？")]
    []
    >>> [label for *_, label in _specifics_asked("节能诊断是免费给做的吗？")]
    ['是否收费和收费标准']
    >>> [label for *_, label in _specifics_asked("投诉平台的网址和电话能给一下吗？")]
    ['联系方式']
    >>> [label for *_, label in _specifics_asked("讲需要补正哪些材料的是哪一条？")]
    []
    >>> [label for *_, label in _specifics_asked("小微企业贷款利率最高是多少的是哪一条？")]
    ['具体比例或费率']
    """
    lowered = A_FEW.sub("若干", text.lower())  # 电费好几万 tells an amount, it does not ask one
    lowered = _TOLD_A_FEW.sub("了若干", lowered)  # (晚报了几天，会罚多少？ tells a few days, it asks a fine)
    # A quoted clause (能不能写“收到业主付款后再按比例付给…”？) is words told, none of them asked; a quoted term
    # (什么样的企业算“符合条件”？) is what is asked about
    lowered = _QUOTED_CLAUSE.sub("“”", lowered)
    # The kind asked nearest the end, where the question word is (担保金额占比不低于多少 asks a share);
    # the last, generic kind (是多少) only when no other is asked. A yes-or-no question without a question
    # word asks whether, not what (…按比例付款，这种约定可以吗？) — unless the kind is itself asked yes or no
    # (免费吗？ 晚上有人接吗？ 我们这边开展了吗？).
    *kinds, generic = _SPECIFICS
    # (a figure told before the asking clause is no figure asked: …单户300万、费率1%的业务，能拿补贴吗？ asks whether)
    asking_clause = ([c for c in split_clauses(lowered) if c.strip()] or [""])[-1]
    if (
        # (收费标准要不要公开？ asks whether they are published, not what they are — but 有没有 asks for what it
        # names: 利率有没有上限？ asks the cap, 有没有咨询电话？ the number)
        (_ASKS_YES_OR_NO.search(lowered) or any(m.group() != "有没有" for m in A_NOT_A.finditer(lowered)))
        and not _WHAT_WORD.search(lowered)
        and not asked_figures(asking_clause)
        and not _REQUEST.search(asking_clause)  # (电话能给一下吗？ asks for the number, not whether)
    ):
        # (…需不需要备案？ asks a procedure in its A-not-A form)
        kinds = [
            entry
            for entry in kinds
            if entry[2] in _ASKED_YES_OR_NO or any(A_NOT_A.search(m.group()) for m in entry[0].finditer(lowered))
        ]
    # A question asking where a rule is (…占比达到80%以上，是在第几项？) asks for the provision: the specifics told
    # before are what it is looked up by, not asked (unless the asking clause asks them too)
    # (one asking sentence: …是多少天？具体是哪一条？ asks both)
    # (and in that clause, what it names before asking where, when it asks nothing there: 投诉处理时限是第几条？)
    told = lowered[: lowered.rfind(asking_clause)]
    # (papers or a procedure asked in a clause ending in 的 right before it describe the provision: …需要补正哪些材料的
    # 是哪一条？ — not a figure or a fee: …利率最高是多少的是哪一条？ asks a provision stating it)
    if (which := _ASKS_WHICH_PROVISION.search(asking_clause)) and not re.search(r"[？?]", told):
        before = asking_clause[: which.start()]
        describes = bool(re.search(r"的(?:是|在)?$", before)) and any(
            label == "办理流程和材料" for *_, label in _specifics_asked(before)
        )
        lowered = asking_clause if _WHAT_WORD.search(before) and not describes else asking_clause[which.start() :]
    found = [(m.end(), -i, entry) for i, entry in enumerate(kinds) for m in entry[0].finditer(lowered)]
    asked = [max(found)[2]] if found else [generic] if generic[0].search(lowered) else []
    if asked or not (_CONFIRMS.search(lowered) and asked_figures(lowered)):
        return asked
    kind = (
        "具体比例或费率"
        if any(k for k, _ in figures(lowered))
        else "具体金额"
        if re.search(rf"{_N}\s*(?:元|万|亿)", lowered)
        else "具体数字"
    )
    return [entry for entry in _SPECIFICS if entry[2] == kind]


# A count after 了 that a clause ends on, with more to come (晚报了几天，… 拖了几个月了，…): what happened, told.
_TOLD_A_FEW = re.compile(r"了几(?=个?(?:天|日|月|年|周|星期|次|回)了?[，,])")
_ASKS_WHICH_PROVISION = re.compile(
    r"第几[条项款章节]|哪一?[条项款](?!件)|哪个条款|哪个文件|哪份文件|哪部(?:法|条例)|which (?:article|item|provision)"
)
# (not a quoted question: 老板问我：“违约金最多能要多少钱？”; ASCII quotes do not say which one opens)
_QUOTED_CLAUSE = re.compile(r"“[^”？?]{9,}”|「[^」？?]{9,}」|『[^』？?]{9,}』|‘[^’？?]{9,}’")
_ASKED_YES_OR_NO = frozenset({"是否收费和收费标准", "服务时间", "当地是否开展", "执行期限", "补贴或资金支持"})
_WHAT_WORD = re.compile(r"[百千万]分之几|多少|几|哪|什么|啥|怎么|怎样|如何|\b(how|what|which|when|where)\b")
_CLAUSE_ASKS = re.compile(r"多少|哪|什么|啥|怎么|怎样|如何|几\w?$")
# A request made as a yes-or-no question (网址和电话能给一下吗？ 能告诉我截止日期吗？): it asks for what it names.
_REQUEST = re.compile(r"(?:给|提供|发|说|讲|列|查)(?:一下|下)|告诉(?:我|我们|一下)")
_CONFIRMS = re.compile(r"是不是|是否|是吧|对吧|对吗|没错吧|真的吗|是真的|\bis it\b|\bright\?")


# A figure the question asks to confirm (现在是6个月吗？ 是不是高出3个百分点？ is it 6 months?): said after the
# confirming verb, with its unit — the rule's figure, not the asker's own (我们30个人，算小微吗？).
_UNIT = (
    r"(?:%|％|个百分点|个点|倍|个月(?!份)|个?工作日|周年|年|天|日|元|块|万元|万|亿元|亿|人|成|percent|months?|years?|days?|times|"
    r"yuan)"
)
_NOT_A_BOUND = r"(?![\u4e00-\u9fff]{0,2}(?:以上|以下|以内))"  # (100人以下 bounds, it is no figure to confirm)
_CONFIRMED_FIGURE = re.compile(
    rf"(?:是不是|是否|(?<![要算但就若可于只总都果])是)[^，。；？?]{{0,16}}?({_N}\s*{_UNIT}){_NOT_A_BOUND}"
    rf"|\b(?:is|are|was)\b[^?.,;]{{0,40}}?\b(\d+(?:\.\d+)?\s*{_UNIT})\b"
)
# Figures offered as alternatives (3%还是1%, 6个月还是1年, 3% or 1%).
_ALTERNATIVES = re.compile(rf"{_N}\s*{_UNIT}\s*(?:还是|或是|或者|\bor\b)\s*(?:是|按|要|\d)", re.IGNORECASE)
# …or any figure told before a clause that only asks whether it holds (补20块钱，有这回事吗？)
_FIGURE_TOLD = re.compile(rf"{_NUMBER_STARTS}((?=[\d零〇一二两三四五六七八九十]){_N}\s*{_UNIT}){_NOT_A_BOUND}")
# …a bound too, there: the rule's (100人以下的企业有补贴，有这回事吗？)
_FIGURE_OR_BOUND_TOLD = re.compile(rf"{_NUMBER_STARTS}((?=[\d零〇一二两三四五六七八九十]){_N}\s*{_UNIT})")
_CONFIRMED_LABEL = (
    ("具体比例或费率", re.compile(r"%|％|百分|点|percent")),
    ("具体期限", re.compile(r"月|年|天|日|month|year|day")),
    ("具体金额", re.compile(r"元|块|万|亿|yuan")),
)


def _figure_stated(
    figure: tuple[str, float], label: str, stated: set[tuple[str, float]], told: Sequence[tuple[str, set]]
) -> bool:
    """Whether the best paragraphs state a figure asked to confirm: a number of days or an amount in its
    measure (20块钱 is not stated by 二十国集团; 60天 is by 60日), any other by value (``stated``: the paragraphs'
    figures; ``told``: each number printed with its measure, and its figures)."""
    if figure not in stated:
        return False
    measure = dict(_CONFIRMED_LABEL).get(label) if not figure[0] and label in ("具体期限", "具体金额") else None
    return measure is None or any(figure in values and measure.search(printed) for printed, values in told)


def compared_figures(question: str) -> set[tuple[str, float]]:
    """The figures a question tells of its own case (not asked to confirm) when it asks whether that case is
    allowed or reasonable: what a rule is applied to, not what it must state (收了2%的担保费，正常吗？ beside
    担保费率降至1%以下; 不交500块参评费就不让评，合理吗？ beside a rule against forced fees, stating no amount).

    >>> sorted(compared_figures("收了2%的担保费，这个费率正常吗？")), compared_figures("营业收入2000万，算小型企业吗？")
    ([('%', 2.0)], set())
    >>> compared_figures("是不是最长90天？")  # (asked to confirm: the rule must state it)
    set()
    """
    units = asking_units(question)
    if not any(_JUDGES_WHAT_IS_TOLD.search(re.split(r"[，,]", unit.lower().rstrip("，,"))[-1]) for unit in units):
        return set()
    confirmed = {figure for unit in units for figure, _ in confirmed_figures(unit)}
    return {f for m in _FIGURE_TOLD.finditer(question.lower()) for f in figures(m.group(1))} - confirmed


# A figure with what it counts (300万, 50人, 2%): money in any unit of it, people, a share.
_MEASURED = r"(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]+)\s*(万元|亿元|元|万人|人|万|亿|%|％)"
# A bound a text sets (500万元及以下, 不超过100人), the figure included: below it or above it.
_BOUND_AFTER = re.compile(rf"{_MEASURED}\s*(及以下|以下|以内|及以上|以上)")
_BOUND_BEFORE = re.compile(rf"(不超过|未超过|不高于|不低于|不少于|达到){_MEASURED}")
_BELOW = ("及以下", "以下", "以内", "不超过", "未超过", "不高于")


def _measured(number: str, unit: str) -> tuple[str, float] | None:
    """(measure, value) of a figure and its unit: 300 万 → ("元", 3000000.0); 10 万人 → ("人", 100000.0)."""
    found = figures(number + (unit[0] if unit[0] in "万亿" else ""))
    measure = "人" if unit.endswith("人") else "%" if unit in "%％" else "元"
    return (measure, next(iter(found))[1]) if len(found) == 1 else None


def within_bounds(question: str, text: str) -> set[tuple[str, float]]:
    """The figures a question tells (担保贷款300万) within a bound the text sets in the same measure (单户担保金额
    500万元及以下 — a rule with a case on each side, …以下…以上, has one for any figure): the case the rule is for, not a
    figure it must state. Not a figure asked to be confirmed (上限是不是300万？).

    >>> sorted(within_bounds("担保贷款300万，费率最高多少？", "单户担保金额500万元及以下的，费率不超过1%"))
    [('', 3000000.0)]
    >>> within_bounds("员工120人，算吗？", "从业人数不超过100人"), within_bounds("贷款300人", "500万元及以下")
    (set(), set())
    >>> within_bounds("担保费率上限是不是0.8%？", "担保费率原则上不超过1%"), within_bounds("10万人", "不超过100万元")
    (set(), set())
    """
    bounds = [
        (bound, m.group(3)) for m in _BOUND_AFTER.finditer(text) if (bound := _measured(m.group(1), m.group(2)))
    ] + [(bound, m.group(1)) for m in _BOUND_BEFORE.finditer(text) if (bound := _measured(m.group(2), m.group(3)))]
    confirmed = {figure for unit in asking_units(question) for figure, _ in confirmed_figures(unit)}
    out = set()
    for m in re.finditer(_MEASURED, question):
        if (told := _measured(m.group(1), m.group(2))) is None:
            continue
        measure, value = told
        if any(of == measure and (value <= limit if how in _BELOW else value >= limit) for (of, limit), how in bounds):
            out.add(("%" if measure == "%" else "", value))
    return out - confirmed


def judged_in_measure(question: str) -> re.Pattern[str] | None:
    """How a text states a figure in the measure of the first figure a question tells of a case to judge: the rule
    to weigh it against (收了2%的担保费，合规吗？ → a share; None when it judges no figure told).

    >>> judged_in_measure("收了2%的担保费，合规吗？").search("担保费率降至1%以下") is not None
    True
    >>> judged_in_measure("合同写验收后120天付款，合法吗？").search("自交付之日起60日内支付") is not None
    True
    >>> judged_in_measure("我们有30个人，能申请吗？") is None
    True
    """
    if not compared_figures(question):
        return None
    for m in _FIGURE_TOLD.finditer(question.lower()):
        if re.search(r"%|％|百分|个?点|percent", m.group(1)):
            return re.compile(r"%|％|[百千万]分之")
        unit = re.sub(rf"^{_N}\s*", "", m.group(1))
        if family := next((f for f in _MEASURES if unit in f or unit.removeprefix("个") in f), None):
            return _stated_in(family)
    return None


# A clause asking whether what the question tells is allowed or reasonable (这样合法吗？ 这个费率正常吗？ 高不高？), or
# whether a demand told may be declined (能不能不交？ 可以拒绝吗？).
_JUDGES_WHAT_IS_TOLD = re.compile(
    r"合法|合规|违法|违规|正常|合理|允许|算数|有效吗|可以吗|行吗|行不行|对吗|过分|[高贵多长低]不[高贵多长低]|太[高贵多长低]|超标|"
    r"达标|"
    r"符合[^，。？?]{0,4}(?:要求|规定)|(?:能不能|可不可以|能否|可否)不|(?:有权|能|可以)拒绝|"
    r"\b(legal|allowed|normal|reasonable|too (high|much|long)|refuse)\b"
)


def confirmed_figures(unit: str) -> list[tuple[tuple[str, float], str]]:
    """The figures an asking part asks to confirm, each with what to call such specifics.

    >>> confirmed_figures("商业汇票的最长付款期限现在是6个月吗？")
    [(('', 6.0), '具体期限')]
    >>> confirmed_figures("我们公司30个人，算不算小微企业？"), confirmed_figures("标准是一年销售额多少以内？")
    ([], [])
    >>> confirmed_figures("合同里写的是收货后120天付款，这个约定算数吗？")  # what the asker tells
    []
    >>> confirmed_figures("最长的是6个月吗？")
    [(('', 6.0), '具体期限')]
    >>> confirmed_figures("有人说每月补500块，有这回事吗？"), confirmed_figures("那要是用了3年就卖了呢？")
    ([(('', 500.0), '具体金额')], [])
    >>> confirmed_figures("月销售额10万元以下免征增值税的政策现在还有效吗？")
    [(('', 100000.0), '具体金额')]
    """
    lowered = unit.lower()
    clauses = re.split(r"[，,]", lowered.rstrip("，,"))
    # (…，这是哪个法规定的？ asks where what was said is written: it asks to confirm it)
    source_asked = asks_where_written(unit)
    if not source_asked and (
        _WHAT_WORD.search(lowered)
        or not (_CONFIRMS.search(lowered) or _ASKS_YES_OR_NO.search(lowered) or lowered.rstrip().endswith("?"))
    ):
        return []  # (标准是一年销售额多少以内？ asks what, it confirms nothing)
    out = []
    # (in the clause that asks: 合同里写的是120天，这个约定算数吗？ tells its figure before the question —
    # unless that clause only points back at it: 国家补20块钱仓租，有这回事吗？)
    # (or asks in the same clause whether the policy it tells of still holds: …10万元以下免征增值税的政策现在还有效吗？)
    pointing_back = (
        source_asked
        or (len(clauses) > 1 and _ONLY_ASKS_IF_TRUE.fullmatch(re.sub(r"\W", "", clauses[-1])))
        or bool(_STILL_HOLDS.search(clauses[-1]))
    )
    # (what was said: its last figure, 一年补两万 → 两万)
    told = _FIGURE_OR_BOUND_TOLD.finditer(lowered)
    confirmed = list(told)[-1:] if pointing_back else _CONFIRMED_FIGURE.finditer(clauses[-1])
    for m in confirmed:
        printed = m.group(1) or m.group(2)
        label = next((name for name, unit_of in _CONFIRMED_LABEL if unit_of.search(printed)), "具体数字")
        out.extend((figure, label) for figure in figures(printed) if not (1900 <= figure[1] <= 2100 and not figure[0]))
    return out


# …现在还有 / 还在不在 / 还有效: whether a policy still holds (general words of asking).
_STILL_IN_FORCE = r"(?:现在|目前|今年)?还(?:有|在|有效|管用|执行|适用)(?:不在|没有)?"
# A clause asking only whether what was said before holds (有这回事吗？ 是真的吗？ 这个说法对不对？).
_ONLY_ASKS_IF_TRUE = re.compile(
    r"(?:(?:这|那)?(?:是)?(?:真的|真有|有没?有|有)?(?:这|那)(?:回|个|种|样的?)?(?:事儿?|说法|回事)"
    r"(?:是不是真的|是真的|真的|对不对|对|属实|靠谱|靠不靠谱|准确|没错)?"
    r"|(?:这|那)?(?:是不是真的|是真的|真的|对不对|属实|靠谱|靠不靠谱|准确|没错)"
    # (这个政策现在还有吗？ 这项优惠还在不在？ asks whether what was told still holds)
    rf"|(?:这|那)(?:个|项|条|种)?(?:政策|规定|优惠|说法){_STILL_IN_FORCE})"
    r"(?:吗|么|嘛|吧|不|没有|呢)?"
)


# …的政策现在还有效吗？ …这项优惠还在不在？: whether a policy told of still holds (a general form of asking).
_STILL_HOLDS = re.compile(rf"(?:政策|规定|优惠){_STILL_IN_FORCE}(?:吗|么|嘛|吧|不|没有|呢)?\W*$")


def asks_where_written(text: str) -> bool:
    """Whether the last clause of a text asks only where what the clauses before it say is written.

    >>> asks_where_written("月销售额10万以下免税，这是哪个法规定的？"), asks_where_written("这是哪个法规定的？")
    (True, False)
    >>> asks_where_written("小微企业实际按5%税负交，这个规定在哪？"), asks_where_written("交了税，在哪开发票？")
    (True, False)
    """
    clauses = re.split(r"[，,]", text.lower().rstrip("，,"))
    return len(clauses) > 1 and bool(_ASKS_WHERE_WRITTEN.fullmatch(re.sub(r"\W", "", clauses[-1])))


def with_what_was_told(question: str, unit: str) -> str:
    """An asking part that only asks where something is written (是哪一条规定的？), with what its sentence tells
    before it (小规模纳税人月销售额10万元以下免征增值税，); any other part as it is.

    >>> with_what_was_told("听说月销售额10万以下免税，是哪一条规定的？", "是哪一条规定的？")
    '听说月销售额10万以下免税，是哪一条规定的？'
    """
    at = question.find(unit)
    if at <= 0 or not _ASKS_WHERE_WRITTEN.fullmatch(re.sub(r"\W", "", unit.lower())):
        return unit
    start = max(question.rfind(mark, 0, at) for mark in "。？！?!") + 1
    return question[start : at + len(unit)]


# A clause asking where what was said before is written (这是哪个法规定的？ 出自哪个文件？ 依据是什么？).
_ASKS_WHERE_WRITTEN = re.compile(
    r"(?:这|那)?(?:是|个|条|项)?(?:规定|政策|说法)?(?:是|在)?(?:哪|什么)(?:个|部|条|份|项|一条)?(?:法律?|规定|文件|条例|政策|法规)?"
    r"(?:里|中|上)?(?:规定|说|写|定)的?(?:吗|呢|啊)?"
    r"|(?:这|那)?(?:个|条)?(?:规定|政策|说法)(?:是|写)?在哪(?:里|儿|个文件|一条|条)?(?:吗|呢|啊)?"
    r"|(?:这|那)?(?:个|条)?(?:规定|政策|说法)?(?:出自|来自|依据是?|根据是?)(?:哪|什么)(?:个|部|条|份|项)?(?:法律?|规定|文件|条例|政策|法规)?(?:里)?(?:呢|啊)?"
)
_HEARSAY = re.compile(
    r"^\W*(我们?|还)?(听说|听人说|听朋友说|朋友说|据说|看新闻说|看到新闻说|新闻上说|网上说|听别人说|了解到|据了解|"
    r"有人(?:跟我|和我|对我|给我)?说|别人说|人家说|(?:政府|国家|上面|官方)(?:也|都)?(?:说|讲)|"
    r"i heard|heard that|i read that)",
    re.IGNORECASE,
)
_ASKS_YES_OR_NO = re.compile(r"(吗|么|嘛|没有|不|呢)\W*$")
# …or asks A-not-A anywhere (能不能乱收费？ 有没有…).
_YES_OR_NO_FORM = re.compile(rf"{A_NOT_A.pattern}|{_ASKS_YES_OR_NO.pattern}")
_FILLER = re.compile(r"具体|到底|究竟|请问|那|这个|那个|的|了|呢|吗|啊|呀|吧|\W")


# The asker's own place, not named (我们省, 咱们县): no national text states what that place does, nor a local one
# of a place the question does not name. (Not 我们市场部, 我们区别对待, 我们省下的钱, 我们镇江的厂, 市面上.)
_OWN_PLACE = re.compile(
    r"(?:我们|咱们|俺们)(?:这个|这边的?|那边的?)?(?:省|市|县|区|镇|乡|街道|园区|开发区)"
    r"(?![场级民长委政府值别分钱下了掉点税事心力面块域江])"
)
# A text addressing the governments of every place of a level (县级以上地方各级人民政府, 省级担保、再担保基金): what it
# says they do is said of the asker's place too.
_EVERY_PLACE = re.compile(r"省级|省、自治区|市级|县级|各级|地方人民政府|市、县|乡镇|街道|本行政区域")
# What a place does in practice, or now (实际分担多少？ 今年安排了多少？): no text of a level states it.
_IN_PRACTICE = re.compile(r"实际|现在|目前|今年|平时|通常")


def own_place_parts(question: str, answer_text: str) -> list[str]:
    """The parts after the first that ask specifics of the asker's own place, not named (…银行至少分担多少？我们省的
    再担保机构实际分担多少？ → the second), that the provision answering the rest (``answer_text``) does not state: the
    library's documents are national or of places named. A provision stating such specifics (征收率为3%), or addressing
    every place of a level (省级担保、再担保基金…不低于…), states what holds there — though not what one does in practice
    (实际, 现在, 今年).

    >>> own_place_parts("银行至少分担多少？我们省的再担保机构实际分担比例是多少？", "省级担保、再担保基金承担的比例不低于20%")
    ['我们省的再担保机构实际分担比例是多少？']
    >>> own_place_parts("银行至少分担多少？我们省的再担保机构至少分担多少？", "省级担保、再担保基金承担的比例不低于20%")
    []
    >>> own_place_parts("我们市的担保费补贴标准是多少？", ""), own_place_parts("有规定吗？我们市场部要准备什么材料？", "")
    ([], [])
    >>> own_place_parts("征收率是多少？我们市的征收率是多少？", "征收率为百分之三")
    []
    >>> own_place_parts("能减免多少？这样我们省下多少钱？", ""), own_place_parts("有补贴吗？咱们县一年能补多少钱？", "")
    ([], ['咱们县一年能补多少钱？'])
    """
    if not _OWN_PLACE.search(question):  # (most questions name no place of their own: their parts are not read)
        return []
    return [
        unit
        for unit in asking_units(question)[1:]
        if _OWN_PLACE.search(unit)
        and (states := asked_specifics(unit)) is not None
        and (_IN_PRACTICE.search(unit) or not (_EVERY_PLACE.search(answer_text) or states.search(answer_text)))
    ]


def asking_units(question: str) -> list[str]:
    """What a question asks, one part each: the core of every asking sentence, and every clause
    before it that ends like a question or asks for specifics (…能贷款吗，能贷多少？ → 能贷款吗, 能贷多少？;
    去哪家银行办，利息怎么算？ → 去哪家银行办, …)."""
    return [unit for units, _ in _asking_sentences(question) for unit in units]


def _asking_sentences(question: str) -> list[tuple[list[str], list[str]]]:
    """Per asking sentence: its asking units, and its other clauses (what it states first:
    科研大型仪器向中小企业开放使用，使用费怎么收？ → 科研大型仪器向中小企业开放使用)."""
    out = []
    for clauses in asking_clauses(question):
        # Clauses before the last that ask on their own: like a question, or for specifics by a question word
        # (几 only at the end: a story uses it for "a few" — 我们有几个工程师想评职称，…).
        units = [
            c
            for c in clauses[:-1]
            if _ASKS_YES_OR_NO.search(c)
            or (_CLAUSE_ASKS.search(c) and _specifics_asked(c) and not _TOLD_A_FEW.search(f"{c}，"))
        ]
        units.append(question_core("，".join(clauses)))
        out.append((units, [c for c in clauses[:-1] if c not in units and not _INTERROGATIVE.search(c)]))
    return out


def without_units(question: str, unanswered: Sequence[tuple[str, str]]) -> str:
    """The question without the asking parts whose specifics no text states: what a partial answer
    answers. Of a detail of taking part only the words that ask for it go (绿色工厂怎么申请？ → 绿色工厂？).
    """
    for unit, label in unanswered:
        # Of a part of several clauses only those asking the specifics go (听说…能拿贴息，能贴几个点？ keeps
        # what was heard); a part joins its clauses with "，" whatever the question's own comma.
        clauses = unit.split("，")
        asking = [i for i, c in enumerate(clauses) if _specifics_asked(c)] or range(len(clauses))
        for i in asking:
            clause = clauses[i]
            printed = re.compile(re.escape(clause) + (r"[，,]?" if i < len(clauses) - 1 else ""))
            kept = _without_detail(clause) if label in _DETAILS else ""
            question = printed.sub(lambda _, kept=kept: kept, question, count=1)
    return question


def asked_of(unit: str) -> str:
    """What an asking part asks its specifics of: the part without the words that ask them.

    >>> asked_of("中小企业发展专项资金一年有多少亿？")
    '中小企业发展专项资金一年有？'
    """
    unit = _MEASURE_ASKED.sub("", unit)
    for asks, _, _ in _specifics_asked(unit):
        unit = asks.sub("", unit)
    return without_asking(unit)


def _without_detail(unit: str) -> str:
    """The asking part without the words that ask for a detail of taking part."""
    for asks, _, label in _SPECIFICS:
        if label in _DETAILS:
            unit = asks.sub("", unit)
    return unit


# A part asking again of what was asked before it (现在还是这个条件吗？ 现在还这样吗？): words pointing back to it, and
# words of time and of its still holding — it names nothing of its own.
_POINTS_BACK_TO_IT = re.compile(
    r"(?:这个|那个|这些|这|该)(?:条件|标准|要求|规定|数字?|金额|比例|期限|门槛|样)|这样|那样|"
    rf"{NOW_WORDS}|还是|仍然|仍|依然|依旧|还"
)
# …and, naming no subject of its own beside the specifics it asks (这个政策执行到什么时候？), what a demonstrative points
# back with — not when it is the whole ask (这项政策还有吗？ asks whether it still holds, a question of its own).
_POINTS_BACK_IN_A_SPECIFICS_PART = re.compile(
    rf"(?:这个|那个|这些|那些|这项|那项|这种|那种|这|该)(?:政策|措施|优惠|补贴|做法|办法)|{_POINTS_BACK_TO_IT.pattern}"
)


def _names_something(text: str) -> bool:
    return len(_FILLER.sub("", without_asking(text))) >= 2


def asks_more_than_specifics(
    question: str,
    unanswered: Sequence[tuple[str, str]] | None = None,
    stated: Sequence[str] = (),
    cores: Collection[str] = (),
) -> bool:
    """Whether the question asks something besides the specifics no text states (``unanswered``: those
    asking parts and what they ask; by default every part that asks for specifics): another asking
    part that names something (能拿去贷款吗？ besides 能贷多少？) and asks no specifics, asks yes or no
    about them, or asks for specifics a text clearly states (``stated``); something the asker heard and
    wants confirmed (听说…，); or — when what is missing is a detail of taking part — what the detail is of
    (only stated before it when the detail is the papers to hand in). A detail in ``cores`` is the core of what
    is asked, never a detail of it (怎么补办？: the way to do what no provision names).

    >>> asks_more_than_specifics("专利能拿去贷款吗？能贷多少？"), asks_more_than_specifics("能贷多少？")
    (True, False)
    """
    if unanswered is None:
        unanswered = [(u, asked[0][2]) for u in asking_units(question) if (asked := _specifics_asked(u))]
    # What the asker heard and wants confirmed (听说政府对个体户参保有支持，…) is a part of its own —
    # unless what was heard is a figure (听说补贴30%，是不是真的？ asks for that figure).
    if any(
        _HEARSAY.match(c) and _names_something(_HEARSAY.sub("", c)) and not asked_figures(c)
        for c in split_clauses(question)
    ):
        return True
    # Details count only when nothing else is missing (收费标准是多少？要几天？ wants figures).
    asked_details = {u for u, label in unanswered if label in _DETAILS and u not in cores}
    details = asked_details if len(asked_details) == len(unanswered) else set()
    told: list[str] = []  # what the asking sentences so far state besides what they ask
    for units, statements in _asking_sentences(question):
        told += statements
        # Another part: one that asks no specifics, or asks yes or no about specifics a text states
        # (…1%是吧？ 能不能乱收费？).
        if any(
            u not in dict(unanswered)
            and _names_something(_POINTS_BACK_TO_IT.sub("", u))
            and (not _specifics_asked(u) or _CONFIRMS.search(u) or _YES_OR_NO_FORM.search(u) or u in stated)
            for u in units
        ):
            return True
        # A detail of something the question names (绿色工厂怎么申请？) or states first (科研仪器向中小企业
        # 开放使用，使用费怎么收？) — but not the papers to hand in (创业担保贷款要准备哪些材料？): asked alone, a
        # list of papers is the core, which no provision describing the programme states.
        if any(u in details and not _only_papers(u) and _names_something(_without_detail(u)) for u in units):
            return True
        # (…有财政贴息，具体贴多少、去哪个窗口办？: what is told first is a part of its own, whatever else is missing —
        # told in an earlier sentence too: 对规模有争议可以申请认定，要多久？要交什么证明？)
        if any(u in asked_details for u in units) and any(_names_something(c) for c in told):
            return True
    return False


def _only_papers(unit: str) -> bool:
    """Whether an asking part asks for the papers to hand in and nothing else (要准备哪些材料？; not 要哪些材料，去哪办？)."""
    return bool(_PAPERS_ASKED.search(unit)) and not _specifics_asked(_HANDING_IN_PAPERS.sub("", unit))


# The papers asked with the verb handing them in (需要准备哪些材料, 要带什么证明).
_HANDING_IN_PAPERS = re.compile(rf"(?:需要|要|得)?(?:准备|提交|提供|携带|带|交)?(?:{_PAPERS_ASKED.pattern})")


def without_asking(text: str) -> str:
    """The text without its interrogative words (百分之几, 多少钱, 哪些): what remains is the topic.

    >>> without_asking("工会经费扣除的上限是工资总额的百分之几？"), without_asking("想确认一下招待费能扣多少？")
    ('工会经费扣除的上限是工资总额的？', '招待费能扣？')
    >>> without_asking("单位缴费比例是百分之多少？")
    '单位缴费比例是？'
    """
    return _INTERROGATIVE.sub("", _ASKING_FRAME.sub("", text))


def specifics_support(
    question: str,
    passages: Sequence[str],
    weight: Callable[[str], float] | None = None,
    words: Callable[[str], Sequence[str]] | None = None,
    above: Callable[[str], str] | None = None,
    tokenizer: PolicyTokenizer | None = None,
    translations: Sequence[tuple[str, tuple[str, ...]]] = (),
) -> list[tuple[str, str, float]]:
    """Each asking part that wants specifics (an amount, a date, conditions…), what to call them, and
    how well the best provisions state them about what is asked: the largest share of the part's words
    in a sentence that states such specifics (0: none does; 0.5 when the part has no words to check). The
    sentence's paragraph must share enough of the weight of the question's topic words (``weight``: text
    → shared share); ``words``: the words of a text the library uses — 25% of the staff is no interest rate;
    ``above``: the title a passage is read under, whose words count as written in its sentences
    where the part writes them as they do (企业所得税 of 算企业所得税的时候能扣多少？, in the 企业所得税法实施条例);
    ``tokenizer``: which words name a thing and how much each says (without it, every word, each counting 1);
    ``translations``: the query table's (surface, document terms) found in the question — a word of a surface counts
    as written in a sentence using one of its terms (政府部门 of 政府部门要多少天内付款？ beside 机关…30日内支付款项).
    """

    def written(passage: str, part: str) -> Callable[[str, str], bool]:
        as_written = _written_under(above, passage, part)

        def holds(word: str, sentence: str) -> bool:
            translated = [surface for surface, terms in translations if any(t in sentence for t in terms)]
            return as_written(word, sentence) or _overlaps(word, translated, part)

        return holds

    out = []
    stating = [p for p in passages if weight is None or weight(p) >= SHARED_WITH_PARAGRAPH]
    units = asking_units(question)
    # the passage words of the last part that names something — at first, of what is told before the first part
    # (听说要打造一批应用场景，打算搞多少个？ asks how many of those)
    told = question.lower()[: max(0, question.lower().find(units[0].lower()))] if units else ""
    before = [w for w in (words(told) if words else ()) if any(in_full(w, p) for p in passages)]
    before_text = told
    before_asked: tuple[str, float] | None = None  # what the part before asked, and how well it is stated
    for unit in units:
        asked = _specifics_asked(unit)
        # Only words the best paragraphs use at all tie the specifics to a sentence (北京的条例又要求多少
        # names documents, not what is counted).
        # (nor the question words asking the kind: 时间 of 要等多长时间？, not 利率 of 利率上限是多少？)
        part = without_asking(unit).lower()
        own = asked[0][0].sub(lambda m: " " if _ASKED_AT.search(m.group()) else m.group(), part) if asked else part
        # (nor a word that asks the kind with a question word: 算 of 怎么算？, 处罚 of 什么处罚？)
        asked_words = [
            w
            for w in (words(own) if words else ())
            if any(in_full(w, p) for p in passages) and not (asked and _asks_the_kind(w, asked[0][0]))
        ]
        # A part naming nothing but the kind asked (…有没有额外的加计扣除？比例是多少？ …一天多少？) asks it of what
        # the part before names: a sentence stating such specifics with most of those words states them in full.
        # (nor words pointing back to it: 这个政策执行到什么时候？ asks of what the part before named)
        names = (
            words(asked[0][0].sub(" ", _POINTS_BACK_IN_A_SPECIFICS_PART.sub(" ", part)))
            if asked and words
            else asked_words
        )
        if tokenizer is not None:  # (最长能往后补几年？ names nothing: 最长 only qualifies the years asked)
            names = [w for w in names if tokenizer.names_a_thing(w)]
        elliptical = bool(asked) and not names and bool(before)
        if names:
            before, before_text = asked_words, part
        if not asked:
            continue
        label = asked[0][2]
        states = how_stated(unit, label)
        if elliptical and before_asked and before_asked[0] == label:
            # (…怎么申请？流程是怎样的？ asks again what the part before asked: stated as well as that is)
            out.append((unit, label, before_asked[1]))
            continue
        if elliptical and (
            any(_stated_of_the_part_before(states, p, before, written(p, before_text), tokenizer)
                for p in passages)
            if tokenizer is not None  # (without one: a sentence holding every word, in a paragraph on the topic)
            else any(stating_share(states, p, before, in_full, with_lead=True) == 1.0 for p in stating)
        ):  # fmt: skip
            out.append((unit, label, 1.0))
            continue
        # With no words to check, a stating sentence counts half (stating_share gives it 1).
        scale = 1.0 if asked_words else 0.5
        # (a paragraph naming every word of a part that names two or more is on its topic, however little of the
        # rest of the question it shares: …上个月投诉了…，处理部门多长时间内要给我答复？ beside 受理投诉部门…30日内…;
        # words of one character — 年 of 贷款期限几年？ — name too little)
        own_words = [w for w in asked_words if len(w) >= 2]
        own_topic = [
            p for p in passages if p not in stating and len(own_words) >= 2 and all(in_full(w, p) for w in own_words)
        ]
        shares = (
            stating_share(states, p, asked_words, written(p, part), with_lead=True, each=asks_of_each(unit)) * scale
            for p in (*stating, *own_topic)
        )
        out.append((unit, label, max(shares, default=0.0)))
        if names:
            before_asked = (label, out[-1][2])
    return out


_OF_EACH = re.compile(r"分别|各自|各是|各为|各有")


def asks_of_each(unit: str) -> bool:
    """Whether an asking part asks its specifics of each of several things (…的标准分别是什么？ 各自承担多少？)."""
    return bool(_OF_EACH.search(unit))


def _asks_the_kind(word: str, asking: re.Pattern[str]) -> bool:
    """Whether a word asks the kind of specifics ``asking`` finds, with a question word before it (算: 怎么算)."""
    return any(asking.fullmatch(f"{question}{word}") for question in ("怎么", "什么", "多少"))


def _stated_of_the_part_before(
    states: re.Pattern[str],
    passage: str,
    before: Sequence[str],
    written: Callable[[str, str], bool],
    tokenizer: PolicyTokenizer,
) -> bool:
    """Whether a sentence of a passage states such specifics of what the part before asks about: with most of the
    weight of the words it names a thing by (not 前年, a time) and the last noun among them, what it asks about.
    最多能往后补几年？ after a story of a loss and this year's profit is answered by …亏损…所得弥补，但结转年限最长不得
    超过五年, though it names no profit; 有价格评审优惠吧？能扣几个点？ is not answered by a share of 政府采购, nor
    工会经费能全部扣除吗？比例是多少？ by the rate of 职工教育经费."""
    named = [w for w in before if tokenizer.names_a_thing(w)]
    head = next((w for w in reversed(named) if tokenizer.names_an_object(w) and tokenizer.specificity(w) > 0), "")
    share = stating_share(states, passage, named, written, True, tokenizer.specificity, head)
    return share >= STATED_ABOUT_WHAT_IS_ASKED


def _written_under(above: Callable[[str], str] | None, passage: str, part: str) -> Callable[[str, str], bool]:
    """Whether a word is written in a sentence of ``passage``, or in what the passage is read under as ``part``
    writes it."""
    return written_under(above(passage) if above else "", part)


def written_under(heading: str, part: str) -> Callable[[str, str], bool]:
    """Whether a word is written in a sentence, or in the heading it is read under as ``part`` writes it (企业所得税
    of 企业所得税前能扣多少？ in every sentence of the 企业所得税法实施条例)."""
    return lambda word, sentence: in_full(word, sentence) or _named_in_title(word, part, heading)


def _named_in_title(word: str, text: str, title: str) -> bool:
    """Whether a title (or the headings a paragraph stands under) holds ``word`` as ``text`` writes it."""
    return word in title and _written_as_in(word, text, title)


def unstated_specifics(
    question: str,
    passages: Sequence[str],
    weight: Callable[[str], float] | None = None,
    words: Callable[[str], Sequence[str]] | None = None,
) -> list[tuple[str, str]]:
    """The asking parts that want specifics no best provision states, each with what to call them.

    >>> unstated_specifics("专利能质押吗？官费多少钱？", ["推动发明专利审查提质增效。"])
    [('官费多少钱？', '具体金额')]
    """
    return [
        (unit, label) for unit, label, support in specifics_support(question, passages, weight, words) if not support
    ]


def asks_missing_specifics(
    question: str,
    passages: Sequence[str],
    weight: Callable[[str], float] | None = None,
    words: Callable[[str], Sequence[str]] | None = None,
) -> str:
    """What the first asking part that wants unstated specifics wants ("" when none is missing).

    >>> asks_missing_specifics("专利申请官费多少钱？", ["推动发明专利审查提质增效。"])
    '具体金额'
    >>> asks_missing_specifics("服务月是几月？", ["将每年六月设为全国中小企业服务月。"])
    ''
    """
    return next((label for _, label in unstated_specifics(question, passages, weight, words)), "")


_SENTENCES = re.compile(r"(?<=[。；;！？])")
# A document's clause on when it takes effect (本条例自2022年11月1日起施行。), in the general form of legislation,
# and a question asking when something takes effect or starts.
_IN_FORCE_FROM = re.compile(
    r"本(?:条例|法|办法|规定|细则|决定|意见|通知|措施)自[^。；]{4,24}起(?:施行|实施|生效)[^。]*。"
)


def states_only_when_in_force(text: str) -> bool:
    """Whether a provision says nothing but when its document takes effect, and what it repeals then (facts of
    documents, no topic).

    >>> states_only_when_in_force("本条例自2022年11月1日起施行。《个体工商户条例》同时废止。")
    True
    >>> states_only_when_in_force("本条例自2020年9月1日起施行。30日内支付款项。")
    False
    """
    return not re.sub(r"\W", "", _REPEALED_THEN.sub("", _IN_FORCE_FROM.sub("", text)))


_REPEALED_THEN = re.compile(r"[^。]*《[^《》]+》[^。]*同时废止。")
_ASKS_WHEN_IN_FORCE = re.compile(r"施行|实施|生效|执行|开始|起|effective|force|start", re.IGNORECASE)
_TITLE = re.compile(r"《[^《》]{2,60}》")


def without_titles(text: str) -> str:
    """The text with the titles of the documents it names emptied: a title names a document, not what the text is
    about.

    >>> without_titles("本条例自2022年11月1日起施行。《个体工商户条例》同时废止。")
    '本条例自2022年11月1日起施行。《》同时废止。'
    """
    return _TITLE.sub("《》", text)


def _written_as_in(word: str, text: str, other: str) -> bool:
    """Whether ``text`` writes ``word`` as ``other`` does: with the character before it there too, unless none
    stands before it or a particle (企业所得税前 and 今年的所得税 as 企业所得税法; not 个人所得税, inside a longer word
    that ``other`` lacks).

    >>> _written_as_in("所得税", "企业所得税前能扣多少", "企业所得税法"), _written_as_in("所得税", "那个人所得税呢", "企业所得税法")
    (True, False)
    >>> _written_as_in("所得税", "亏损能不能抵今年的所得税", "企业所得税法")
    True
    """
    return any(
        m.start() == 0 or _ENDS_A_WORD.fullmatch(text[m.start() - 1]) or text[m.start() - 1] + word in other
        for m in re.finditer(re.escape(word), text)
    )


# What never begins a longer word with the one after it: not a Chinese character, or the particle 的
# (今年的所得税 writes 所得税 on its own, as 企业所得税法 may mean it).
_ENDS_A_WORD = re.compile(r"[^\u4e00-\u9fff]|的")


def _overlaps(word: str, surfaces: Sequence[str], text: str) -> bool:
    """Whether ``word`` is written in ``text`` across or inside one of ``surfaces`` (付款 across 拖着不付 of
    拖着不付款).

    >>> _overlaps("付款", ["拖着不付"], "对方拖着不付款"), _overlaps("利息", ["拖着不付"], "对方拖着不付款，利息")
    (True, False)
    """
    spans = [(m.start(), m.end()) for s in surfaces for m in re.finditer(re.escape(s), text)]
    return any(m.start() < end and start < m.end() for m in re.finditer(re.escape(word), text) for start, end in spans)


def in_full(word: str, text: str) -> bool:
    """A word in a text, as written or abbreviated (大企业 for 大型企业, 个体户 for 个体工商户): a word of three
    characters or more whose characters the text has in order, at most two apart.

    >>> in_full("大企业", "大型企业从中小企业采购"), in_full("个体户", "个体工商户"), in_full("货款", "货物、工程、服务款项")
    (True, True, False)
    """
    return word in text or (len(word) >= 3 and _as_written(word).search(text) is not None)


@functools.lru_cache(maxsize=4096)
def _as_written(word: str) -> re.Pattern[str]:
    """A word as written or abbreviated (``in_full``): three characters or more in order, at most two apart."""
    return re.compile(".{0,2}".join(map(re.escape, word)) if len(word) >= 3 else re.escape(word))


def features(question: str, result: Retrieval, passage: str, searcher: HybridSearcher) -> ScopeFeatures:
    """Signals of how well the best provision (whose retrieval passage is ``passage``) answers the question.

    All of them hold for any library: similarities, shares of the question's words found in the best
    provision (plain and weighted by rarity in the library), words the library never uses, and figures
    the question names that the provision does not state.
    """
    top = result.hits[0].provision
    passage = passage.lower()
    # (文件里…有啥说法？ 哪几家单位负责？: words asking about the documents name nothing they are asked about)
    framing = {w for m in _ABOUT_THE_TEXT.finditer(question) for w in searcher.tokenizer.words(m.group())}
    if framing:
        framing -= set(searcher.tokenizer.words(_ABOUT_THE_TEXT.sub(" ", question)))
    chinese = [w for w in dict.fromkeys(result.query_words) if not w.isascii() or w.isdigit()]
    chinese = [w for w in chinese if w not in framing] or chinese  # (nothing but such words: as asked)
    matches = searcher.expander.matches(question)
    english_words = [w for w in dict.fromkeys(ENGLISH_WORD.findall(question.lower())) if w not in ENGLISH_STOPWORDS]
    own_chinese = [w for w in chinese if w in question]  # not the expansion terms
    lowered = question.lower()
    language = "en" if len(english_words) > len(own_chinese) else "zh"
    if english_words:
        # Words covered: those inside a table match whose document terms occur in the passage.
        matched_text = " ".join(surface for surface, terms in matches if any(t.lower() in passage for t in terms))
        covered = sum(1 for w in english_words if w in matched_text) + sum(1 for w in own_chinese if w in passage)
        total = len(english_words) + len(own_chinese)
    else:
        covered = sum(1 for w in chinese if w in passage)
        total = len(chinese)
    specific = searcher.tokenizer.specificity
    terms = {w: specific(w) for w in own_chinese}
    term_mass = sum(terms.values())

    # (a word the query table translates into terms the library uses is a library word, in its own words: 货款)
    in_table = [surface for surface, terms in matches if any(searcher.document_frequency(t) for t in terms)]

    def weighted(text: str) -> dict[str, float]:
        """A text's terms that the library uses at all, weighted by how specific they are."""
        return {
            w: specific(w)
            for w in searcher.tokenizer.content_words(without_asking(text))
            if not w.isascii() and (searcher.document_frequency(w) or _overlaps(w, in_table, lowered))
        }

    # The question topic's terms, and those of the whole question: what a clause before the asking one names
    # (放弃了增值税免税优惠，后悔了，要等多久才能重新享受？) is what the specifics are asked of too. (No topic terms:
    # every paragraph is about it.)
    topic = weighted(question_topic(question))
    topics = [topic, weighted(question)] if sum(topic.values()) else []

    best = [h.provision for h in result.hits[:SPECIFICS_WITHIN]]
    paragraphs = [p.full_text for provision in best for p in provision.paragraphs]
    if not _ASKS_WHEN_IN_FORCE.search(question):
        # (a document's own day of taking effect dates the document, not what is asked: 年报的截止日期是哪天？ is not
        # answered by 本条例自2022年11月1日起施行)
        paragraphs = [_IN_FORCE_FROM.sub("", p) for p in paragraphs]
    # A paragraph is read under its document's title and its headings where the asking clause names them as they
    # do (企业所得税 of 企业所得税前能扣多少？, not the 所得税 of 那个人所得税呢？ nor one named in an earlier clause).
    titles = {d.meta.doc_id: d.meta.plain_title for d in searcher.index.library.documents}
    heading = {
        p.full_text: provision_heading(titles[provision.doc_id], provision)
        for provision in best
        for p in provision.paragraphs
    }
    title_of = {p.full_text: titles[provision.doc_id] for provision in best for p in provision.paragraphs}
    # (a paragraph goes on from the article's paragraphs before it: 处理投诉部门…30日内形成处理结果 is on the 转交 of the
    # paragraph before, whose words it does not repeat)
    before_it = {
        p.full_text: "".join(q.full_text for q in provision.paragraphs[:i])
        for provision in best
        for i, p in enumerate(provision.paragraphs)
    }
    asking = " ".join(clauses[-1] for clauses in asking_clauses(question))

    @functools.cache  # (read for the support and again for what a figure is of)
    def shares_topic(paragraph: str) -> float:
        above = heading.get(paragraph, "")
        # (words the query table translates count where the paragraph uses its terms: 拖着不付款, beside 迟延支付)
        translated = [surface for surface, terms in matches if any(t in f"{above}\n{paragraph}" for t in terms)]

        def shared(word: str) -> bool:
            return (
                in_full(word, paragraph)
                or in_full(word, before_it.get(paragraph, ""))
                or _in_parts(word, paragraph, searcher)
                or _named_in_title(word, asking, above)
                or _overlaps(word, translated, lowered)
            )

        shares = (sum(v for w, v in words.items() if shared(w)) / sum(words.values()) for words in topics)
        return max(shares, default=1.0)

    support = specifics_support(
        question,
        paragraphs,
        None if english_words else shares_topic,
        lambda text: [w for w in searcher.tokenizer.words(text) if not w.isascii() and searcher.document_frequency(w)],
        lambda paragraph: title_of.get(paragraph, ""),
        searcher.tokenizer,
        matches,
    )
    unstated = [(unit, label) for unit, label, found in support if not found]
    # (what a figure is of is named where it is stated on the question's topic: 创业担保贷款利率多少？能贴息多少？ is not
    # answered by 利率 in the overdue-interest article among the best, which shares too little of the question)
    on_topic = [p for p in paragraphs if english_words or shares_topic(p) >= SHARED_WITH_PARAGRAPH]
    # A figure asked to confirm that no best paragraph states (是6个月吗？) is not answered — unless a sentence
    # states another figure of what it is of (是不是最长90天？ beside 付款期限最长不得超过60日: the answer corrects it).
    stated_figures = set().union(*(figures(p) for p in paragraphs)) if paragraphs else set()
    told: list[tuple[str, set]] | None = None  # the paragraphs' figures with their measures, read when first needed
    for unit in asking_units(question):
        told_with = with_what_was_told(question, unit)
        if not (confirmed := confirmed_figures(told_with)):
            continue
        if told is None:
            told = [(m.group(1), figures(m.group(1))) for p in paragraphs for m in _FIGURE_TOLD.finditer(p.lower())]
        missing = [label for figure, label in confirmed if not _figure_stated(figure, label, stated_figures, told)]
        # (是3%还是1%？ asks which of the figures holds: a paragraph stating one of them answers it)
        if not missing or unit in dict(unstated) or (len(missing) < len(confirmed) and _ALTERNATIVES.search(unit)):
            continue
        # (a rule told and asked where it is written is not there when its figure is not: another figure of the
        # same thing, 500万 beside a 10万 told, corrects nothing it was asked)
        head = asked_head(unit, searcher)
        if asks_where_written(told_with) or not (head and _stated_beside(head, _STATES[missing[0]], paragraphs)):
            unstated.append((unit, missing[0]))
    # A part asking a figure whose stating sentences share its words but never name what the figure is of
    # (贷款利率最高多少？ beside a sentence on the same loans stating 15万元) is not answered either.
    unnamed = [
        (unit, label)
        for unit, label, found in support
        if found >= STATED_ABOUT_WHAT_IS_ASKED and not names_what_is_asked(unit, label, on_topic, searcher)
    ]
    unstated += unnamed
    stated = [
        unit for unit, label, found in support if found >= STATED_ABOUT_WHAT_IS_ASKED and (unit, label) not in unnamed
    ]
    # A part whose specifics a sentence states only about something else (具体能扣几个点？ beside a 30% share)
    # is not answered either — when the question asks something else that is: then the answer says so.
    # (An English part has no library words to share: its half share says nothing of what it asks.)
    weakly = [(unit, label) for unit, label, found in support if 0 < found < STATED_ABOUT_WHAT_IS_ASKED]
    if weakly and language == "zh" and asks_more_than_specifics(question, unstated + weakly, stated):
        unstated += weakly
    else:
        # Asked alone, such a part is not answered when no sentence stating such specifics names what it asks
        # them of (一等奖奖金是多少？ beside a sentence on the contest stating no prize).
        kept = [(unit, label) for unit, label in weakly if states_what_is_asked(unit, label, on_topic, searcher)]
        unstated += [part for part in weakly if part not in kept]
        stated += [unit for unit, _ in kept]  # (逾期利息怎么算？ beside the 17th article: besides what is missing)
    if english_words:  # (English words have no library words to check: the term table knows them)
        known = searcher.expander.english_words
        for unit in asking_units(question):
            asked = _specifics_asked(unit)
            # (what is the maximum probation period? asks a figure by its noun alone)
            label = asked[0][2] if asked else "具体数字" if _WHAT.search(unit.lower()) else ""
            if label not in _FIGURES and names_a_figure(unit):
                label = "具体数字"  # (what is the minimum wage? asks a figure, not a criterion)
            if label not in _FIGURES or (unit, label) in unstated:
                continue
            states = how_stated(unit, label)
            if figure_of_unknown(unit, known) or not figure_named(
                unit, searcher.expander.matches(unit), states, paragraphs
            ):
                unstated.append((unit, label))
    topic_text = question_topic(question)
    # (a place only a best provision of another document names is not what the answer speaks of: 深圳 of a measure
    # on the stock exchanges, beside Beijing's 续贷受理中心 leading — but 澳门 of the implementing regulation's article
    # beside the income tax law's leading is)
    partners = searcher.index.library.with_partners((top.doc_id,))
    beside = [p for p in best if p.doc_id in partners]
    places = [p for p in searcher.tokenizer.places(topic_text) if not covered_place(p, searcher, beside, topic_text)]
    # (赚了600万 tells what the asker did, and so does a sentence that asks nothing — 准备贷款300万。 before the
    # question: no rule states either)
    asked = asked_figures(_DONE_AMOUNT.sub(" ", " ".join(asking_sentences(question))))
    return ScopeFeatures(
        margin=result.margin,
        lift=result.lift,
        words_rank=1 / result.lexical_ranks["words"] if result.lexical_ranks["words"] else 0.0,
        chars_rank=1 / result.lexical_ranks["chars"] if result.lexical_ranks["chars"] else 0.0,
        dense=result.dense_of(top),
        coverage=covered / total if total else 0.0,
        words=total,
        missing_specifics=_kinds(unstated),
        unanswered=tuple(unstated),
        # (the way to do what no provision names is the core of what is asked, no detail of what it names)
        partial=bool(unstated)
        and asks_more_than_specifics(
            question, unstated, stated, cores=[u for u, label in unstated if _unknown_deed(u, searcher)]
        ),
        foreign_place=bool(places),
        unnamed_tax=asks_only_of_unnamed_taxes(question, searcher),
        lost_paper=tells_a_lost_paper(question, top.text, lambda text: names_a_library_term(text, searcher)),
        other_task=asks_other_task(question),
        language=language,
        idf_coverage=sum(v for w, v in terms.items() if w in passage) / term_mass if term_mass else 0.0,
        unseen=_unseen(terms, english_words if language == "en" else (), searcher),
        figures_missing=(
            len(asked - figures(top.text) - compared_figures(question) - within_bounds(question, top.text)) / len(asked)
            if asked
            else 0.0
        ),
        provisions=len(searcher.provisions),
    )


def _unseen(terms: dict[str, float], english_words: Sequence[str], searcher: HybridSearcher) -> float:
    """The share of a question's weight in words no provision uses: Chinese words weighted by how specific they
    are; in an English question (``english_words``, empty for a Chinese one), its words the term table does not
    know (WFOE, surcharge), one each."""
    if english_words:
        known = searcher.expander.english_words
        return sum(1 for w in english_words if w not in known and _singular(w) not in known) / len(english_words)
    mass = sum(terms.values())
    return sum(v for w, v in terms.items() if searcher.document_frequency(w) == 0) / mass if mass else 0.0


# English nouns that name a figure (the stamp duty rate, the minimum wage, the fund's size).
_ENGLISH_FIGURE = re.compile(
    r"\b(rates?|ratios?|percentages?|fees?|amounts?|wages?|salar(?:y|ies)|thresholds?|caps?|size|capital|prices?|"
    r"premiums?|quotas?|period)\b"
)


_WHAT = re.compile(r"\bwhat(?:'s|\s+is|\s+are|\s+was|\s+were)\b")


def names_a_figure(unit: str) -> bool:
    """Whether an English part asks what a figure is, naming it or its extreme in the noun phrase after *what is*
    (what is the VAT exemption threshold amount? what is the minimum annual leave?; not what are the steps and
    fees?).

    >>> names_a_figure("What is the small-scale VAT exemption threshold?"), names_a_figure("What are the steps and fees?")
    (True, False)
    """
    what = _WHAT.search(unit.lower())
    return bool(what) and any(
        _ENGLISH_FIGURE.fullmatch(w) or w in _EXTREMES
        for w in _words_from(ENGLISH_WORD.findall(unit.lower()[what.end() :]), 0)
    )


# Words that qualify a figure rather than say what it is of (the *preferential* rate, the *current* wage, the
# *tax* depreciation period).
_ENGLISH_QUALIFIERS = frozenset(
    "preferential general standard current maximum minimum max min exact total annual monthly basic normal reduced "
    "lower higher applicable statutory legal average typical usual overall new old latest single "
    "hundred thousand million billion yuan rmb percent tax".split()  # (a single guarantee amount of 5 million yuan)
)


def figure_of_unknown(unit: str, known: Collection[str]) -> bool:
    """Whether an English part asks a figure of something the library's term table does not know: the noun
    naming the figure, or a word of the two before it that qualifies nothing (*stamp* duty rate), is no word of
    the table at all (``known``: the table's English words) — like a Chinese word no provision uses.

    >>> figure_of_unknown("What is the stamp duty rate?", {"duty", "rate"}), figure_of_unknown("The VAT rate?", {"vat", "rate"})
    (True, False)
    """
    return any(
        not (w in known or _singular(w) in known or all(p in known or _singular(p) in known for p in w.split("-")))
        for figure, naming in _english_figures(unit)
        for w in ((*naming,) if figure in _EXTREMES or figure in ("much", "many") else (figure, *naming))
    )


def figure_named(
    unit: str, matches: Sequence[tuple[str, Sequence[str]]], states: re.Pattern[str], paragraphs: Sequence[str]
) -> bool:
    """Whether sentences stating the figure an English part asks name what it is a figure of: each of the two
    words before the figure's noun that qualifies nothing (as in ``figure_of_unknown``), in the Chinese terms of
    the table's entries the part matches with it (*the export VAT **rebate** rate* → 退税: no sentence stating a
    rate names it; *the guarantee **fee** rate* → 担保费率: named). A word in no entry the part matches has
    nothing to check; a figure asked by its noun alone (*the minimum wage*) is of what no entry the part matches
    holds when none holds the noun. The English twin of ``names_what_is_asked``.

    >>> named = lambda unit, matches: figure_named(unit, matches, re.compile("%"), ["担保费率原则上不超过1%。"])
    >>> named("the guarantee fee rate?", [("guarantee fee rate", ("担保费率",))]), named("the rebate rate?", [("rebate", ("退税",))])
    (True, False)
    >>> named("what is the minimum wage?", [("minimum", ("最低",))])  # a figure noun no entry holds
    False
    >>> named("what are the fees?", [("fee", ("收费",))])  # a noun alone that an entry holds: known
    True
    """
    for figure, naming in _english_figures(unit):
        for w in naming:
            terms = [t for surface, entry in matches if _holds(surface, w) for t in entry]
            if terms and not any(_stated_beside(term, states, paragraphs) for term in terms):
                return False
        # A figure asked by its noun alone (the minimum wage) is of what that noun names: of nothing the
        # library knows when no entry the part matches holds it
        if not naming and not any(_holds(surface, figure) for surface, _ in matches):
            return False
    return True


def _english_figures(unit: str) -> list[tuple[str, list[str]]]:
    """Each noun naming a figure in an English part, with the words that say what it is a figure of: the two
    before it that qualify nothing, nearest first, up to an article or preposition (*the export VAT rebate rate*
    → rate: rebate, vat), and the first after its *of* (*the percentage of the interest* → interest). A thing
    asked by its extreme or by *how much* (*the maximum fine*, *how much cash reward*) is a figure of it, and so
    is the thing after *how many days of* (a count of days of *paid annual leave*).

    >>> _english_figures("What is the current VAT rate and the fee?")
    [('rate', ['vat']), ('fee', [])]
    >>> _english_figures("What percentage of the interest is paid?"), _english_figures("What is the maximum fine imposed?")
    ([('percentage', ['interest'])], [('maximum', ['fine'])])
    >>> _english_figures("How many days of paid annual leave must we give?")
    [('many', ['paid', 'annual', 'leave'])]
    """
    words = ENGLISH_WORD.findall(unit.lower())
    out = []
    for i, word in enumerate(words):
        if _ENGLISH_FIGURE.fullmatch(word):
            naming = []
            for before in reversed(words[max(0, i - 2) : i]):
                if before in ENGLISH_STOPWORDS:
                    break
                if before not in _ENGLISH_QUALIFIERS:
                    naming.append(before)
            if words[i + 1 : i + 2] == ["of"]:
                naming += [w for w in _words_from(words, i + 2) if w not in _ENGLISH_QUALIFIERS][:1]
            out.append((word, naming))
        elif word in _EXTREMES or (word == "much" and words[i - 1 : i] == ["how"]):
            thing = _words_from(words, i + 1)
            if thing and not any(_ENGLISH_FIGURE.fullmatch(w) for w in thing):
                out.append((word, thing))
        elif (
            word == "many"
            and words[i - 1 : i] == ["how"]
            and _PERIODS.fullmatch(words[i + 1] if i + 1 < len(words) else "")
            and words[i + 2 : i + 3] == ["of"]
            and (thing := _words_from(words, i + 3))
        ):
            out.append((word, thing))  # (how many days of paid leave: a count of days, of paid leave)
    return out


# Periods counted (how many days of paid leave).
_PERIODS = re.compile(r"days?|weeks?|months?|years?|hours?")
# Words asking the extreme of a thing: a figure of it (the maximum fine, the longest term).
_EXTREMES = frozenset("maximum minimum max min highest lowest longest shortest".split())


def _words_from(words: Sequence[str], start: int) -> list[str]:
    """The words of a noun phrase beginning at ``start`` (after an article), up to the next word that says
    nothing about a topic, without participles or adjectives after its noun."""
    while start < len(words) and words[start] in ("the", "a", "an", "its", "their"):
        start += 1
    phrase = []
    for word in words[start:]:
        if word in ENGLISH_STOPWORDS:
            break
        phrase.append(word)
    while len(phrase) > 1 and _NOT_A_NOUN.search(phrase[-1]):
        phrase.pop()  # (the maximum fine *imposed*, the highest subsidy *available*)
    return phrase


# Endings of English participles and adjectives (imposed, given, available, eligible, pending).
_NOT_A_NOUN = re.compile(r"(?:ed|en|able|ible|ing)$")


def _holds(surface: str, word: str) -> bool:
    """Whether a table entry's English holds a word, in the singular or the plural (fees: fee)."""
    held = {_singular(w) for w in ENGLISH_WORD.findall(surface)}
    return _singular(word) in held


def _singular(word: str) -> str:
    """salaries → salary, fees → fee, fund's → fund (not business → busines)."""
    word = word.removesuffix("'s")
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def _kinds(unanswered: Sequence[tuple[str, str]]) -> str:
    """What the unanswered parts ask for, 、-joined."""
    return "、".join(dict.fromkeys(label for _, label in unanswered))


def leaving_out(features: ScopeFeatures, asked_before: str, question: str) -> ScopeFeatures:
    """The signals of a follow-up searched together with the question asked before it (``question``: both):
    only what the follow-up asks itself can be left unanswered (the earlier question's
    parts were answered before), and only what it asks itself makes the answer partial (那每个月给多少钱？
    asks a figure and nothing else)."""
    if not asked_before:
        return features
    before = set(asking_units(asked_before))
    own = tuple((unit, label) for unit, label in features.unanswered if unit not in before)
    follow_up = "".join(unit for unit in asking_units(question) if unit not in before)
    partial = features.partial and bool(own) and asks_more_than_specifics(follow_up, own)
    return replace(features, unanswered=own, missing_specifics=_kinds(own), partial=partial)


def stated_apart(features: ScopeFeatures, units: Collection[str]) -> ScopeFeatures:
    """The signals with the asking parts ``units`` answered after all (each by a provision found for it alone)."""
    own = tuple((unit, label) for unit, label in features.unanswered if unit not in units)
    return replace(features, unanswered=own, missing_specifics=_kinds(own))


def states_what_is_asked(unit: str, label: str, paragraphs: Sequence[str], searcher: HybridSearcher) -> bool:
    """Whether a sentence stating the specifics a part asks names what it asks them of (True when it names
    nothing the library uses)."""
    head = asked_head(unit, searcher)
    states = how_stated(unit, label)
    if _asks_of_unknown(unit, label, searcher) or _of_unknown_noun(head, unit, label, states, paragraphs, searcher):
        return False
    words = _words_before_asking(unit, searcher)
    if (
        label in _FIGURES
        and words
        and head == words[-1]
        and (named := _named_by_general_word(unit, head, words, states, paragraphs)) is not None
    ):
        return named
    return not head or _stated_in_parts(head, states, paragraphs, searcher)


def _named_by_general_word(
    unit: str, head: str, words: Sequence[str], states: re.Pattern[str], paragraphs: Sequence[str]
) -> bool | None:
    """For a part asking a figure by a general word at the end of its head (贷款期限, or 比例 after 贴息): whether
    a sentence stating such a figure names what it is of — beside that general word in one sentence, or near the
    figure (None: the head ends in no general word, or names nothing before it). What it is of is the head's
    start, or else the nearest word before it that the paragraphs use (份额 in 预留份额里面专门给…的比例), outside any
    clause that only sets a condition."""
    general = _GENERAL_AT_END.search(head)
    if general is None:
        return None
    # (not in a clause that only sets a condition: 事业单位 of 如果买方是事业单位，期限是多少？ — but 转型为企业 of
    # 个体工商户转型为企业，期限是多少？ is what the period is of)
    named = "".join(c for c in split_clauses(unit[: _asked_at(unit)]) if not _CONDITION.match(c))
    of = (
        head[: general.start()]
        if general.start() >= 2
        else next((w for w in reversed(words[:-1]) if w in named and any(in_full(w, p) for p in paragraphs)), "")
    )
    if not of or _stated_of(of, general.group(), states, paragraphs):
        return None
    return _stated_near(of, states, paragraphs)


# A clause setting a condition (如果…， 要是…， 假如…): general Chinese conjunctions.
_CONDITION = re.compile(r"\s*(?:那么?)?\s*(?:如果|要是|假如|假设|若是|倘若|万一|一旦)")
# A 是 (or 为) between an asking part's last words and where it asks, with the words that soften it.
_COPULA_AFTER = re.compile(r"(?:具体|到底|究竟|一般|大概|大约|通常)?(?:是|为)(?=[百千万]分之|多少|几)")


def names_what_is_asked(unit: str, label: str, paragraphs: Sequence[str], searcher: HybridSearcher) -> bool:
    """``states_what_is_asked`` for a part asking a figure whose words a stating sentence shares, where what
    it is of is a noun (a sum: named within ``SUM_WITHIN`` characters of it). Any other kind, a part asking a figure by a word naming a figure as such (加计比例是多少？
    贷款额度最高多少？ 员工占比达到多少？) or of a verb (停业后多少天内…, beside 终止经营之日起60日内), is taken as
    named — except that where no stating sentence names that general word, the word before it must stand near the
    figure (``_stated_near``: 贷款期限最长是几年？ is not answered by …贷款…签订1年以上劳动合同); a word longer than the
    text's counts without its first or last character (其中小微企业占多少？ is cut 其 中小微企业, beside 小型微型企业)."""
    if _asks_of_unknown(unit, label, searcher):
        return False
    words = _words_before_asking(unit, searcher)
    head = words[-1] if words else ""
    states = how_stated(unit, label)
    if label in _FIGURES and head and _of_another_period(unit, head, states, paragraphs):
        return False
    # 注册资本有多少亿元？ asks the figure of a noun the library never uses, written around a word it does (注册):
    # a sentence must state such a figure naming all of that noun's parts (所得税率 in …20％的税率征收企业所得税)
    if _of_unknown_noun(head, unit, label, states, paragraphs, searcher):
        return False
    # 起征点是每月销售额多少钱？ asks the figure of 起征点, counted in 销售额: a sentence stating such a figure must name
    # what stands before 是 too (…销售额未超过五百万元的纳税人 states no threshold)
    subject = _subject(unit, words, searcher) if label in _FIGURES else ""
    if subject and not _stated_beside(subject, states, paragraphs):
        return False
    # 贷款期限最长是几年？ asks the period of 贷款: a sentence that does not name 期限 together with 贷款 states it only
    # with 贷款 beside the figure (not 贷款…签订1年以上劳动合同); the general word may end the head (贷款额度) or follow it
    if label in _FIGURES and (named := _named_by_general_word(unit, head, words, states, paragraphs)) is not None:
        return named
    if not head or label not in _FIGURES or names_a_figure_as_such(head) or states.search(head):
        return True
    # A period asked before what is to be done in it (大企业要在多少天内把这笔债确认下来？), or a month it begins in
    # (设备从哪个月开始计算折旧？), is stated by a sentence naming that deed, all its words (…之日起30日内确认债权债务关系,
    # …投入使用月份的次月起计算折旧), whatever the words before it
    if (
        label in ("具体期限", "具体日期")
        and (deed := _words_after_asking(unit, searcher))
        and sum(map(searcher.tokenizer.specificity, deed)) >= 1  # (not 处理 alone: 多少个工作日内处理完？)
        and any(all(in_full(w, s) for w in deed) for s in _stating(states, paragraphs))
    ):
        return True
    # …员工占比达到多少？ asks a share by its general name after what it is of: a synonym (职工) may state it — but
    # not a rate named by its own word (利率上限是多少？ asks a 利率, which a sentence stating 25% of hires does not name)
    asked_at = _asked_at(unit)
    if (
        (at := unit.rfind(head, 0, asked_at)) >= 0
        and _NAMES_A_FIGURE.search(unit[at + len(head) : asked_at])
        and not (label == "具体比例或费率" and head.endswith("率"))
    ):
        return True
    # (停业后多少天内 asks the days of something else — but a verb a 是 makes the subject of the figure names what
    # it is of: 价格扣除具体是百分之几？ asks a share of the 扣除)
    if not searcher.tokenizer.names_an_object(head) and not _COPULA_AFTER.match(unit, unit.rfind(head) + len(head)):
        return True
    # (a compound the text writes apart is named by its parts: 机器设备 by …机器、机械和其他生产设备，为10年)
    shorter = [head[1:], head[:-1]] if len(head) >= 4 else []
    # (a sum is of what stands within a clause of it: not 失业保险金 beside a refund of 社会保险费50%)
    if label == "具体金额":
        return any(_stated_near(h, states, paragraphs, SUM_WITHIN) for h in [head, *shorter])
    return _stated_in_parts(head, states, paragraphs, searcher) or any(
        _stated_beside(h, states, paragraphs) for h in shorter
    )


# A period a measure is counted over, written right before it (月销售额, 每季度的营业额, 年应征增值税销售额) — not a date's
# year (2025年销售额).
_PERIOD_BEFORE = re.compile(
    r"(?<![0-9０-９零〇一二三四五六七八九十])(?:每个?|一个?)?(月|季|年)度?(?:的)?([^，,。；;：:]{0,6})$"
)


def _of_another_period(unit: str, head: str, states: re.Pattern[str], paragraphs: Sequence[str]) -> bool:
    """Whether a part asks the figure of a measure counted over one period (月销售额多少以下…？) that every stating
    sentence naming the measure counts over another (年应征增值税销售额未超过五百万元): a monthly figure is not stated.

    >>> states = re.compile(r"万元")
    >>> _of_another_period("月销售额多少以下？", "销售额", states, ["年应征增值税销售额未超过五百万元的纳税人。"])
    True
    >>> _of_another_period("年销售额多少以下？", "销售额", states, ["年应征增值税销售额未超过五百万元的纳税人。"])
    False
    >>> _of_another_period("销售额多少以下？", "销售额", states, ["年应征增值税销售额未超过五百万元的纳税人。"])
    False
    """
    at = unit.find(head)
    asked = _PERIOD_BEFORE.search(unit[:at]) if at > 0 else None
    if asked is None or asked.group(2):
        return False  # (no period right before the measure asked)
    periods = []
    for sentence in _stating(states, paragraphs):
        for m in re.finditer(re.escape(head), sentence):
            if stated := _PERIOD_BEFORE.search(sentence[max(0, m.start() - 10) : m.start()]):
                periods.append(stated.group(1))
    return bool(periods) and asked.group(1) not in periods


def _subject(unit: str, words: Sequence[str], searcher: HybridSearcher) -> str:
    """The noun a part's ``words`` (those before it asks) name before a 是 that stands before the last of them
    (起征点 in 起征点是每月销售额多少钱？; "" when the asking clause has no such 是, or a word naming a figure as such
    stands there)."""
    asked_at = _asked_at(unit)
    position, is_at = 0, -1
    for token in searcher.tokenizer.cut(unit[:asked_at]):
        if token == "是":
            is_at = position
        position += len(token)
    if is_at < 0 or not words or unit.rfind(words[-1], 0, asked_at) < is_at:
        return ""
    before = [w for w in words if unit.rfind(w, 0, is_at) >= 0 and searcher.tokenizer.names_an_object(w)]
    # (认定标准是从业人数多少人以下？ names the figure as such before 是: 从业人数 is what is counted)
    return before[-1] if before and not _GENERAL_AT_END.search(before[-1]) else ""


# A figure asked right before what it is of (多少工本费, 几个名额): the question word, then a measure word perhaps
_ASKED_BEFORE_ITS_NOUN = re.compile(r"(?:多少|几)(?:个|项|种|笔|类|份|位|名)?([\u4e00-\u9fff]{2,8})")


# How a part asks the way to do something, up to the deed (怎么补办, 该如何去挂失, 咋才能报名).
_HOW_TO = re.compile(r"(?:怎么|怎样|如何|咋)(?:样)?(?:才能|才可以|能|可以|去|来)?")


def _asks_of_unknown(unit: str, label: str, searcher: HybridSearcher) -> bool:
    """Whether a part asks the specifics of what no provision names: a figure of a noun (多少工本费), a way of
    doing a deed (怎么补办)."""
    return bool(_unknown_after_asking(unit, searcher) or (label == "办理流程和材料" and _unknown_deed(unit, searcher)))


def _unknown_deed(unit: str, searcher: HybridSearcher) -> str:
    """The deed a part asks how to do, when no provision of the library names it (补办, 挂失: no document states
    the procedure of something it never names; "" otherwise). The twin of ``_unknown_after_asking`` for a way
    of doing, not a figure."""
    if not (how := _HOW_TO.search(unit)):
        return ""
    word = _word_at(unit, how.end(), searcher)
    if len(word) < 2 or not searcher.tokenizer.frequency(word) or searcher.document_frequency(word):
        return ""
    return "" if _printed(word, searcher) else word


_MEASURED_IN = re.compile(r"[天日月年周个点号次倍条项款章家名位岁元万亿百千]")  # (多少天内, 几号令, 几个点: not nouns)


def _unknown_after_asking(unit: str, searcher: HybridSearcher) -> str:
    """The noun a part asks a figure of right after its question word, when the library never uses it
    (多少工本费, 多少名额: no document states a figure of something it never names; "" otherwise)."""
    asked_at = _asked_at(unit)
    if asked_at is None or not (after := _ASKED_BEFORE_ITS_NOUN.match(unit, asked_at)):
        return ""
    word = _word_at(unit, after.start(1), searcher)
    # (a word jieba does not know may be a typo of the library's: 百分之多少谈销 for 摊销)
    if (
        len(word) < 2
        or _MEASURED_IN.match(word)
        or names_a_figure_as_such(word)
        or not searcher.tokenizer.frequency(word)
    ):
        return ""
    known = searcher.document_frequency(word) or _printed(word, searcher)
    return "" if known or not searcher.tokenizer.names_an_object(word) else word


def _of_unknown_noun(
    head: str, unit: str, label: str, states: re.Pattern[str], paragraphs: Sequence[str], searcher: HybridSearcher
) -> bool:
    """Whether a part asks a figure of a noun the library never uses, written around the word it does use
    (``_unknown_around``), and no sentence of the paragraphs stating such a figure names each of its parts."""
    longer = _unknown_around(head, unit, searcher) if label in _FIGURES else ""
    return bool(longer) and not _stated_in_parts(longer, states, paragraphs, searcher)


def _unknown_around(head: str, unit: str, searcher: HybridSearcher) -> str:
    """A noun the library never uses that holds ``head`` and ends where it ends or later, before where the part
    asks (退税率 around 税率, 注册资本 around 注册; "" when there is none)."""
    asked_at = _asked_at(unit)
    if not head or asked_at is None:
        return ""
    end = unit.rfind(head, 0, asked_at) + len(head)
    return next(
        (
            w
            for w in searcher.tokenizer.words(unit[:asked_at])
            if head in w
            and len(w) > len(head)
            and unit.rfind(w, 0, asked_at) + len(w) >= end
            and not searcher.document_frequency(w)
            and searcher.tokenizer.names_an_object(w)
            and not _GENERAL_AT_END.search(w)  # (贷款额度 names the figure of 贷款: names_what_is_asked checks that)
        ),
        "",
    )


def _stating(states: re.Pattern[str], paragraphs: Sequence[str]) -> Iterator[str]:
    """The sentences of the paragraphs that state such specifics, an item of a list read with the sentence
    leading into it (…税率为百分之九：3．图书、报纸…； states the rate of 报纸)."""
    return (lead + s for p in paragraphs for lead, s in _sentences(p, with_lead=True) if states.search(lead + s))


def _stated_in_parts(word: str, states: re.Pattern[str], paragraphs: Sequence[str], searcher: HybridSearcher) -> bool:
    """Whether a sentence of the paragraphs states such specifics and names ``word`` or each of its parts."""
    parts = [w for w in searcher.tokenizer.words(word) if w != word] or [word]
    return any(in_full(word, s) or all(in_full(w, s) for w in parts) for s in _stating(states, paragraphs))


def _in_parts(word: str, text: str, searcher: HybridSearcher) -> bool:
    """Whether a text writes a compound apart: each of its two or more words (机器设备 in 机器、机械和其他生产设备)."""
    parts = _parts(word, searcher.tokenizer)
    return len(parts) > 1 and all(in_full(w, text) for w in parts)


@functools.lru_cache(maxsize=4096)
def _parts(word: str, tokenizer: PolicyTokenizer) -> tuple[str, ...]:
    """The words of two characters or more a word is cut into, without itself (机器设备 → 机器, 设备)."""
    return tuple(w for w in tokenizer.words(word) if w != word and len(w) > 1)


def _stated_beside(head: str, states: re.Pattern[str], paragraphs: Sequence[str]) -> bool:
    """Whether a sentence of the paragraphs states such specifics and names ``head``."""
    return any(in_full(head, s) for s in _stating(states, paragraphs))


def _stated_of(of: str, general: str, states: re.Pattern[str], paragraphs: Sequence[str]) -> bool:
    """Whether a sentence of the paragraphs states such specifics and names both ``of`` and the ``general`` word
    naming the figure, or a word naming a figure of its kind (占比 for 比例: 投初创期的比例多少？ beside
    投资于初创期中小企业资金占比不低于百分之五十) — or names the general word in a paragraph that writes them as
    one term (风险分担比例 in an item's title, 风险责任比例不低于20% in its text)."""
    alike = next((kind for kind in _FIGURE_NAMES_ALIKE if general in kind), (general,))
    return any(
        (any(in_full(g, s) for g in alike) and in_full(of, s)) or (in_full(general, s) and in_full(of + general, p))
        for p in paragraphs
        for s in _stating(states, [p])
    )


# What follows a word a sentence defines (本法所称X，是指…; X是指…).
_DEFINED = re.compile(r"[，,]?\s*是指")


# Words naming figures of one kind (a share, a period, a count, a sum).
_FIGURE_NAMES_ALIKE = (("比例", "比重", "占比"), ("期限", "时限"), ("数量", "数目"), ("数额", "金额"))


def _stated_near(word: str, states: re.Pattern[str], paragraphs: Sequence[str], within: int = NEAR_A_FIGURE) -> bool:
    """Whether a sentence of the paragraphs states such specifics within a few characters of ``word`` — or defines
    it (所称小规模纳税人，是指年应征增值税销售额未超过五百万元的纳税人: its figures are what the word means).

    >>> amount = re.compile(r"[一二三四五六七八九十百千]+万元")
    >>> _stated_near("小规模纳税人", amount, ["本法所称小规模纳税人，是指年应征增值税销售额未超过五百万元的纳税人。"])
    True
    >>> _stated_near("小规模纳税人", amount, ["小规模纳税人可以向主管税务机关办理登记，年应征增值税销售额未超过五百万元的除外。"])
    False
    """
    pattern = _as_written(word)
    for sentence in _stating(states, paragraphs):
        named = list(pattern.finditer(sentence))
        if any(_DEFINED.match(sentence, m.end()) for m in named):
            return True
        spans = [m.span() for m in named]
        figures_stated = states.finditer(sentence)
        if any(a - f.end() <= within and f.start() - b <= within for f in figures_stated for a, b in spans):
            return True
    return False


def asked_head(unit: str, searcher: HybridSearcher) -> str:
    """What an asking part asks the specifics of: the last specific word the library uses before its question
    word or the figure it asks to confirm (贷款期限最长是几年？ 付款期限是不是90天？ → 期限; "" when there is none)."""
    words = _words_before_asking(unit, searcher)
    return words[-1] if words else ""


def _words_before_asking(unit: str, searcher: HybridSearcher) -> list[str]:
    """The specific words the library uses that name something, before where a part asks (asked_head)."""
    asked_at = _asked_at(unit)
    if asked_at is None:
        return []
    titles = " ".join(d.meta.title for d in searcher.index.library.documents)  # 企业所得税前 names a context
    words = [
        w
        # (not the words framing the question: 法规 of 法规规定要在多少天内付钱？ names nothing the figure is of)
        for w in _with_latin_as_library_terms(_ASKING_FRAME.sub(" ", unit[:asked_at]), searcher)
        if searcher.tokenizer.names_a_thing(w) and w not in titles
    ]
    # A verb right before the question word asks how much of what it takes or gives (开票限额最高能申请多少？
    # 失业保险金每个月能领多少？): the figure is of the noun before it (not 停业后多少天, a time after the verb)
    quantity_asked = unit.startswith(("多少", "几"), asked_at)  # (not 稳岗返还是不是返还60%？: it confirms the verb's)
    # (…能优惠到多少？ 降到多少？: the figure something is brought to, not one of the word before 到)
    before = unit[:asked_at]
    if (
        quantity_asked
        and words
        and (
            (before.endswith(words[-1]) and not searcher.tokenizer.names_an_object(words[-1]))
            or before.endswith(f"{words[-1]}到")
        )
    ):
        words = words[:-1]
    # A figure asked right before a noun the library uses (按多少征收率交？ 多少税率？) is that noun's
    if (after := _noun_right_after(unit, asked_at, searcher)) and after not in titles:
        return [*words, after]
    # A count asked with its measure word before the thing counted (打造多少个可推广的应用场景？) is of that thing
    if counted := _COUNTED.match(unit, asked_at):
        # (up to a word joining a purpose: not 数字化转型 of …应用场景来推动数字化转型？)
        phrase = counted.group(1)
        joining = next((w for w in searcher.tokenizer.words(phrase) if w in _JOINING_A_PURPOSE), "")
        phrase = phrase[: phrase.find(joining)] if joining else phrase
        words += [
            w for w in _specific_words(phrase, searcher) if searcher.tokenizer.names_an_object(w) and w not in titles
        ]
    return words


def _noun_right_after(unit: str, asked_at: int, searcher: HybridSearcher) -> str:
    """The noun the library uses right after a part's question word (征收率 of 按多少征收率交增值税？; "" when none is
    there, or it is a unit or a word naming a figure as such: 多少天, 多少比例)."""
    if not unit.startswith(("多少", "几"), asked_at):
        return ""
    token = _word_at(unit, asked_at + (2 if unit.startswith("多少", asked_at) else 1), searcher)
    if (
        len(token) < 2
        or not searcher.document_frequency(token)
        or _MEASURED_IN.match(token)
        or names_a_figure_as_such(token)
    ):
        return ""
    return token if searcher.tokenizer.names_an_object(token) else ""


def _word_at(unit: str, at: int, searcher: HybridSearcher) -> str:
    """The word that starts at ``at`` as the whole part is cut ("" when a word runs across it: not 天内 of 多少天内)."""
    position = 0
    for token in searcher.tokenizer.cut(unit):
        if position >= at:
            return token if position == at else ""
        position += len(token)
    return ""


def _with_latin_as_library_terms(text: str, searcher: HybridSearcher) -> list[str]:
    """``_specific_words`` of a text, in order, with each run of Latin words the term table knows read as the
    library's term for it, one word (一年期LPR是多少？ asks the rate of 贷款市场报价利率, not of any 利率)."""
    words, start = [], 0
    for latin in _LATIN_RUN.finditer(text):
        if terms := searcher.expander.terms(latin.group()):
            words += [*_specific_words(text[start : latin.start()], searcher), terms[0]]
            start = latin.end()
    return words + _specific_words(text[start:], searcher)


_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9 .'-]*[A-Za-z0-9]|[A-Za-z]")


_JOINING_A_PURPOSE = frozenset({"来", "去", "以", "以便", "用于", "用来", "为了", "从而", "进而", "并"})


_COUNTED = re.compile(
    r"(?:多少|几)(?:个|家|项|种|批|名|位|所|座|户|笔|款|类|套|台|件|部|份)(?!月|工作日|小时|星期|百分点|点)([^，。；？?！!]*)"
)


def _words_after_asking(unit: str, searcher: HybridSearcher) -> list[str]:
    """The specific words the library uses after where a part asks, when its question word asks a period
    (多少天内, 几个月内) that what follows is to be done in, or the month it begins in (哪个月开始)."""
    asked_at = _asked_at(unit)
    if asked_at is None or not (asked := _WITHIN_A_PERIOD.match(unit, asked_at) or _FROM_A_MONTH.match(unit, asked_at)):
        return []
    return _specific_words(unit[asked.end() :], searcher)


def _specific_words(text: str, searcher: HybridSearcher) -> list[str]:
    """The Chinese words of a text that the library uses and that say something (specificity above 0)."""
    return [
        w
        for w in searcher.tokenizer.words(text)
        if not w.isascii() and searcher.document_frequency(w) and searcher.tokenizer.specificity(w) > 0
    ]


_WITHIN_A_PERIOD = re.compile(r"(?:(?:多少|几)个?(?:天|日|工作日|月|年|周|星期)|多长时间|多久)(?:之内|以内|内)")
_FROM_A_MONTH = re.compile(r"(?:哪一?个?|几)月份?(?:起?开始|起)")


def _asked_at(unit: str) -> int | None:
    """Where an asking part asks: its first question word or figure asked to confirm (None: it has neither)."""
    starts = [m.start() for pattern in (_ASKED_AT, _CONFIRMED_FIGURE) if (m := pattern.search(unit.lower()))]
    return min(starts, default=None)


# A deed done with taxes (交税, 报税, 退税: a verb and 税), not a tax's name.
def _printed(word: str, searcher: HybridSearcher) -> bool:
    """Whether a provision of the library prints a word, inside another too (进项税 in 进项税额)."""
    return any(word in p.text for p in searcher.provisions)


# (what is done with a tax, or how much of it: 报税, 免税, 低税 — no tax's name)
_DEEDS_ON_TAXES = frozenset("交缴报纳抵退免减征扣完避偷逃漏欠补计含低高少多省节")


def _taxes_unnamed(text: str, searcher: HybridSearcher) -> list[str]:
    """The taxes (and levies: ``_names_a_levy``) a text names that no provision of the library names, nor a tax it
    is a kind of (进口关税 is a 关税). A tax is named by a word ending in 税 (增值税, 印花税, 个税: how Chinese names
    every tax)."""
    tokenizer = searcher.tokenizer
    # (a tax the tokenizer cuts off its name, 环保 + 税, is named by the two together: 环保税, 环境保护税 — unless a
    # text writes them so: 进项税 of 进项税额)
    cut_off = [
        f"{name}税"
        for name, tax in itertools.pairwise(tokenizer.cut(text) if "税" in text else ())
        if tax == "税"
        and len(name) >= 2
        and name[-1] not in _DEEDS_ON_TAXES  # (能省 + 税: 省税, saving tax)
        and tokenizer.names_an_object(name)
        and tokenizer.specificity(name) > 0
    ]
    unwritten = [w for w in cut_off if not _printed(w, searcher)]
    return [
        w
        for w in tokenizer.words(text)
        if len(w) > 1
        and (w.endswith("税") or _names_a_levy(w, searcher))
        and not (len(w) == 2 and w[0] in _DEEDS_ON_TAXES)
        and tokenizer.names_an_object(w)
        and not any(searcher.document_frequency(w[i:]) for i in range(len(w) - 1))
    ] + unwritten


def _names_a_levy(word: str, searcher: HybridSearcher) -> bool:
    """Whether a word names money paid into a fund for a purpose (保障金, 养老金: a word of its purpose and 金 — not
    小五金, hardware) that no provision writes, in full or abbreviated (质保金 is 质量保证金)."""
    if len(word) < 3 or not word.endswith("金") or not searcher.tokenizer.frequency(word[:-1]):
        return False
    abbreviated = re.compile("[\u4e00-\u9fff]{0,2}".join(map(re.escape, word)))  # (within one phrase)
    return not any(abbreviated.search(p.text) for p in searcher.provisions)


def _taxes_of_another_kind(text: str, searcher: HybridSearcher) -> list[str]:
    """The taxes a text names that are another kind of a tax a document's title names, when it names no tax a title
    names: 个人所得税 beside 《…企业所得税法》 is a sibling of its tax, not the tax the law is on — a provision that
    mentions it in passing (…缴纳个人所得税的个人) states none of its rules."""
    taxes = _tax_names(text, searcher)
    if any(tax in title for tax in taxes for title in searcher.titles):
        return []
    return [
        w
        for w in taxes
        if any(
            w[i - 1] not in _DEEDS_ON_TAXES and w[i:] in title
            for i in range(1, len(w) - 1)
            for title in searcher.titles
        )
    ]


def asks_only_of_unnamed_taxes(question: str, searcher: HybridSearcher) -> bool:
    """Whether every asking sentence names a tax no provision names (…房产税税率又是多少？ beside a sentence asking what
    the library answers asks that too: the answer covers the rest), or only another kind of a tax a document is on
    (个人所得税 beside the 企业所得税 law). A sentence naming no tax nor a subject of its own goes on asking of the tax
    named before it (个人所得税要交多少？是查账征收还是定期定额？ — not …？个体工商户登记要交什么材料？)."""
    unnamed = False
    for topic in sentence_topics(question):
        if _taxes_unnamed(topic, searcher) or _taxes_of_another_kind(topic, searcher):
            unnamed = True
        elif not unnamed or _tax_names(topic, searcher) or _opens_with_a_subject(topic, searcher):
            return False
    return unnamed


# Words that join a sentence to the one before (另外, 那, 还有): what follows them opens it.
_JOINING = re.compile(r"^(?:另外|此外|还有|同时|而且|那么|那|如果|要是)[，,]?")


def _opens_with_a_subject(sentence: str, searcher: HybridSearcher) -> bool:
    """Whether a sentence opens with a noun of its own (个体工商户登记…, 小微企业能…), not with what it asks of the
    subject before (是…还是…？ 还能单独计税吗？) nor with a word of taxes (税率是多少？ asks the tax named before)."""
    tokenizer = searcher.tokenizer
    first = next((w for w in tokenizer.cut(_JOINING.sub("", sentence.strip())) if w.strip("，,、 ")), "")
    return tokenizer.names_an_object(first) and first not in CHINESE_STOPWORDS and "税" not in first


def _tax_names(text: str, searcher: HybridSearcher) -> list[str]:
    """The words of a text naming a tax (ending in 税: 增值税, 个人所得税, 个税 — not a deed done with taxes: 计税, 退税)."""
    return [w for w in searcher.tokenizer.cut(text) if len(w) > 1 and w.endswith("税") and w[-2] not in _DEEDS_ON_TAXES]


def covered_place(place: str, searcher: HybridSearcher, best: Sequence[Provision], text: str) -> bool:
    """A place the library has rules for: a local document's region, a place written right after one
    (北京海淀, 北京市朝阳区: a part of it), or a place ``best`` (the answer's provisions) name."""
    stem = place.rstrip("省市区县")
    if len(stem) < 2:
        return True
    regions = searcher.regions
    within = any(re.search(rf"{re.escape(r.rstrip('省市'))}[省市]?\s*{re.escape(place)}", text) for r in regions)
    return (
        within
        or any(stem in region or region.startswith(stem) for region in regions)
        or any(stem in p.text for p in best)
    )


# An amount told after a deed done (赚了600万, 亏了80万, 拖了90天): the asker's own case — not a rule's figure changed
# to (降到了1%, 提高为20%), nor a rate (收了2%的担保费 is weighed against the rule's rate).
_DONE_AMOUNT = re.compile(
    r"(?<=[\u4e00-\u9fff])(?<![到为成至])了\s*(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)(?![\d.]|\s*[%％])[多来余]?[十百千万亿]*"
)


def hard_rule(f: ScopeFeatures) -> bool:
    """Whether one of the hard rules refuses the question, whatever the model says."""
    return (
        (bool(f.missing_specifics) and not f.partial)
        or f.other_task
        or f.foreign_place
        or f.unnamed_tax
        or f.lost_paper
    )


def in_scope(f: ScopeFeatures, model: ScopeModel | None = None) -> bool:
    if hard_rule(f):
        return False
    model = model or default_model()
    return model.probability(f) < model.threshold_for(f.provisions)
