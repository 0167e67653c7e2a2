"""Small talk: greetings, thanks, "who are you", "what can you do", goodbyes, remarks on other things.

A message is small talk when nothing is left of it once the general phrases of these kinds and
filler words are taken out, or what is left is a remark that names nothing the library speaks of —
"你好，小微企业贷款有什么支持？" still asks about a policy and is not. Every phrase here is ordinary
Chinese or English conversation, never a word of the library.

>>> smalltalk_kind("你好！"), smalltalk_kind("谢谢啦"), smalltalk_kind("你好，小微企业贷款有什么支持？")
('greeting', 'thanks', None)
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Praise, which thanks when said of the assistant or its answer (你真棒, 不错) and is a remark on something else when
# said of it (今天天气真不错).
_PRAISE = r"(你)?(真|太|好)?(棒|厉害|好用|不错|有用|专业)"
# The kinds in the order a reply addresses them: "你好，你能做什么？" is answered as a capability question.
_PHRASES: dict[str, str] = {
    "capability": r"你(们)?(主要|都|还|一般|平时){0,2}(能|会|可以)(帮我|帮我们|帮忙|给我)?(做|干|回答|解答|查|处理|提供|咨询)?(些)?"
    r"(什么|啥|哪些|哪方面|哪类)"
    r"(方面|领域|类型|种类)?的?(事情|事|问题|东西|服务|忙)?|"
    r"[你您](们)?(主要|都|还|一般|平时){0,2}(能|会|可以)?(干嘛|干啥|干什么|做啥)|"
    r"能帮(我|上)?(做)?(些)?什么|有(什么|啥|哪些)功能|怎么(用|使用)你?|你(怎么|如何)(用|使用)|使用说明|"
    r"(我)?(可以|能|该|应该|要)问(你)?(些)?(什么|啥|哪些)(问题)?(好|呢)?|你懂(什么|啥|哪些)|你有(什么|啥)用|怎么提问|"
    r"[你您](们)?(会|能|可以)(说|讲|用|看懂|听懂)(英语|英文|中文|普通话|繁体字?|粤语)|"
    r"(do|can) you (speak|understand|read) (english|chinese)|what can you do|how (do i|to) use|"
    r"(what|which) ((kinds?|sorts?|types?) of )?(questions|things|topics)?\s*(can|could|do|should) (you|i) (help( me| us)?( with)?|answer|do|ask( you)?)|"
    r"(how|what) can you help( me| us)?( with)?|(can|could) you help( me| us)?|\bhelp\b",
    "identity": r"[你您]是(谁|哪位|什么|啥)|[你您]叫(什么|啥)(名字)?|[你您]是(真人|人|人工)[^，。？?]{0,4}还是(机器人|ai|人工智能)|"
    r"[你您]是(机器人|人工智能|ai|真人|人工客服|客服|人工|人)吗?|(是不是|是)(真人|人工)(客服)?|"
    r"(你们?|您|这个?)(这个)?(系统|助手|平台|机器人|程序|软件)?是谁(开发|做|研发|搞|建)的|"
    r"你是(哪个|哪家|什么)(部门|单位|公司|机构)(研发|开发|做|推出)?的|叫(什么|啥)名字|谁(开发|做|造|研发)的你|你是谁(开发|做|研发)的|有名字吗|你的名字|"
    # (whose it is, what it runs on, whether to trust it: 你们是政府的吗？ 你是chatgpt吗？ 靠谱吗？)
    r"[你您](们)?是(不是)?(政府|官方|国家|政府部门|官方机构)(的|办的|开的|部门|机构)?(吗|么)?(?=[\W_]|$)|"
    r"[你您]是(不是)?\s*(chatgpt|gpt|deepseek|豆包|文心一言|通义千问|kimi|大模型)|(用|基于)(的是)?(什么|哪个|哪家)的?(大)?模型|"
    r"(你|您|你们|这个助手|这个机器人|你的回答|你说的|你们的回答)(靠谱|准确|可靠|可信|准|权威)(吗|么|不)|"
    r"who (made|built|created|developed|trained|runs) you|are you chatgpt|(can|should) (i|we) trust you|"
    r"who are you|what are you|are you (a )?(bot|robot|human|ai)",
    "greeting": r"你好|您好|你们好|大家好|(老师|师傅|领导|同志|客服|工作人员|小姐姐|小哥哥)(们)?好|嗨|哈喽|哈啰|早上好|上午好|中午好|下午好|晚上好|早安|午安|晚安|"
    r"在吗|在么|在不在|有人吗|有人在吗|(想|要)(咨询|问问?|请教)(一?个|几个|一些|点|一下)?(问题|事情?)|"
    # (asking leave to ask: 问你几个问题可以吗？ 能请教您个事吗？)
    r"(可以|能|想)?(问|请教|咨询)(你|您)?(一?个|几个|一些|点)(问题|事情?)(可以|行|方便)?(吗|么|嘛|不)?|测试(一下)?|\btest(ing)?\b|打扰(一下)?|早啊|早呀|早哇|打个招呼|打声招呼|最近(怎么样|好吗)|\bhello\b|\bhi\b|\bhey\b|good (morning|afternoon|evening)|"
    r"how (are|r) (you|u)( doing)?( today)?|how's it going|how is it going|nice to meet you|"
    r"(is )?any(one|body) (there|here|around|online)|are you (there|here|online)",  # (在吗？ 有人吗？)
    "thanks": r"谢谢|多谢|感谢|谢啦|谢了|嗯+|哈{2,}|呵{2,}|嘿{2,}|哦{2,}|好滴|好哒|辛苦(了|啦|啊)?|麻烦你了|好的|好吧|(?<![不没太听])明白(?!点)|知道了|懂了|收到|了解了|没问题|"
    rf"{_PRAISE}|好嘞|懂啦|清楚了|有帮助|帮(了)?大忙|受教了|学习了|点赞|👍|"
    r"(讲|说|解释|回答)得(很|挺|真|非常|太)?(清楚|明白|好|详细|到位|对)|"
    r"(你)?(真|太|好)?(聪明|靠谱|给力)(?![^，。！!]*[吗么嘛?？])|"
    r"(thank you|thanks?)( (so|very) much| a lot)?( for (your|the|all (your|the)) help)?|\bthx\b|\bok(ay)?\b|great|got it",
    "goodbye": r"再见|拜拜|回头见|下次见|回头再聊|下次再聊|改天再聊|回聊|没有(别的|其他)(问题|事)了|\b88\b|886|\bbye\b|goodbye|"
    r"see you|(先这样|先问到这|先到这|就这些)(儿|里)?(吧|了)?(?=[\W_]|$)",
}
_ANY = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _PHRASES.items()), re.IGNORECASE)
# What may surround those phrases without asking anything: addressing, particles, punctuation.
_FILLER = re.compile(
    r"请问|问一下|我想问|想咨询|咨询|请教|问(个|几个|点)(问题|事)|小助手|助手|机器人|老师|朋友|亲|你|您|我|帮忙|帮助|解答|回答|呀|啊|哦|噢|哈|嗯|呢|吗|吧|啦|了|的|哈哈|呵呵|"
    r"非常|十分|很|真|太|好|大家|一下|一声|there|\bso\b|much|very|a lot|\s|[\W_]",
    re.IGNORECASE,
)
_ORDER = tuple(_PHRASES)
_PRAISE_ONLY = re.compile(_PRAISE)
# What praise is of when it thanks: the assistant's answer (这个回答不错, 讲得不错).
_OF_THE_ASSISTANT = re.compile(r"回答|答案|解答|回复|讲|说|解释|介绍|助手|系统|工具|服务|功能")
# A phrase with the question mark it may end on: 在吗？ 最近好吗？ ask as small talk does.
_ASKED_AS_SMALL_TALK = re.compile(rf"(?:{_ANY.pattern})[?？]*", re.IGNORECASE)


_LATIN = re.compile(r"[a-z]", re.IGNORECASE)
# What makes a remark a question: then it is answered, not chatted with.
_ASKS = re.compile(
    r"[?？]|吗|什么|怎么|如何|哪|多少|几|能不能|可不可以|是不是|有没有|\b(what|how|which|can|does|is)\b", re.IGNORECASE
)


def smalltalk_kind(text: str, names_topic: Callable[[str], bool] | None = None) -> str | None:
    """The kind of small talk a message is (capability, identity, greeting, thanks, goodbye, remark), or None
    when it asks something else. Besides the phrases, a message may carry a remark that names nothing
    the library speaks of (``names_topic``: whether a text does) — 谢谢，讲得挺清楚的 — and asks nothing,
    unless it is about the assistant itself (你是谁开发的？有名字吗？); a goodbye that asks nothing ends
    the conversation whatever else it says.

    >>> smalltalk_kind("谢谢，讲得挺清楚的", lambda rest: False), smalltalk_kind("谢谢，那贷款呢？", lambda rest: False)
    ('thanks', None)
    >>> smalltalk_kind("你好呀，今天辛苦啦，问你几个问题可以吗", lambda rest: False)
    'greeting'
    >>> [smalltalk_kind(t, lambda rest: False) for t in ("今天天气真不错", "你真棒", "这个回答不错")]
    ['remark', 'thanks', 'thanks']
    """
    matches = list(_ANY.finditer(text))
    found = [m.lastgroup for m in matches]
    if not found:
        return None
    kind = min(found, key=_ORDER.index)
    rest = _FILLER.sub("", _ANY.sub("", text))
    if not rest:
        return kind
    asks = bool(_ASKS.search(_ASKED_AS_SMALL_TALK.sub("", text)))  # (在吗？ asks nothing of the library)
    if "goodbye" in found and not asks:
        return kind
    if names_topic is None or _LATIN.search(rest) or names_topic(rest):
        return None  # English is small talk only as a whole phrase ("Does the policy help…" asks)
    if asks and kind not in ("identity", "capability"):
        return None
    thanking = [m.group() for m in matches if m.lastgroup == "thanks"]
    if kind == "thanks" and all(_PRAISE_ONLY.fullmatch(t) for t in thanking) and not _OF_THE_ASSISTANT.search(text):
        return "remark"  # praise of something other than the assistant thanks nobody
    return kind
