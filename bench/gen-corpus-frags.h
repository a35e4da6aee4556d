/*
 * gen-corpus-frags.h - the sentence fragments bench/gen-corpus.c builds
 * support replies from (included by gen-corpus.c only).
 *
 * Written to look like what support agents actually type, good and bad:
 * apologies, feelings, actions already taken, commitments with times, next
 * steps, alternatives, questions, explanations, refusals, deflections,
 * clichés, jargon, guarantees, blame, transfers, filler and sign-offs, plus
 * a few typos and chat spellings. Placeholders: {n} order number, {h} hours,
 * {k} percent, {p} price, {t} clock time, {d} day, {m} a name. In Persian
 * fragments '|' marks a ZWNJ, which the generator writes as ZWNJ, as a space
 * or not at all, the three ways people type it.
 */
#ifndef BENCH_GEN_CORPUS_FRAGS_H
#define BENCH_GEN_CORPUS_FRAGS_H

#include <stddef.h>

enum {
    F_OPEN, F_APOLOGY, F_FEEL, F_THANKS, F_ACTION, F_COMMIT, F_NEXT, F_ALT,
    F_QUESTION, F_EXPLAIN, F_RISKY, F_FILLER, F_CLOSE, F_NCAT
};

typedef struct {
    const char *const *items;
    size_t n;
} frag_list;

#define FRAGS(a) {a, sizeof a / sizeof a[0]}

/* ---- English ------------------------------------------------------------- */

static const char *const en_names[] = {"Ross", "Priya", "Tom", "Ana",
                                       "Mehdi", "Chloe", "Sam", "Grace"};
static const char *const en_times[] = {"3pm", "11", "4:30", "noon", "5 pm",
                                       "9am", "10:15", "2"};
static const char *const en_days[] = {"tomorrow", "Monday", "Friday",
                                      "Thursday", "the 14th", "today",
                                      "end of the week", "next Tuesday"};
#define N_EN_NAMES (sizeof en_names / sizeof en_names[0])
#define N_EN_TIMES (sizeof en_times / sizeof en_times[0])
#define N_EN_DAYS (sizeof en_days / sizeof en_days[0])

static const char *const en_open[] = {
    "Hi {m},", "Hello {m},", "Hi there,", "Hey {m}!", "Good morning {m},",
    "Thanks for reaching out, {m}.", "Hi {m}, thanks for waiting.",
    "Hello, and thanks for getting in touch.",
    "Hi {m}, this is Sam from the support team.", "Hi again {m},",
    "Dear customer,", "hi {m}",
};

static const char *const en_apology[] = {
    "I'm sorry about the delay with order #{n}.",
    "I'm really sorry this happened.",
    "Sorry for the trouble with your delivery.",
    "I apologise for the mix-up on our side.",
    "I'm so sorry you had to chase us about this.",
    "We apologize for any inconvenience caused.",
    "Sorry about that!",
    "I'm sorry, that's not the experience we want you to have.",
    "My apologies for the confusion in my last message.",
    "I'm sorry it took three emails to get here.",
    "Im sorry for the wait.",
    "Sorry you feel that way.",
    "Sorry if you were confused by the instructions.",
    "Please forgive us, we are terrible at this.",
    "Apologies for the late reply.",
    "I'm sorry, I gave you the wrong date yesterday.",
    "Really sorry for the hassle.",
};

static const char *const en_feel[] = {
    "That sounds really frustrating, especially after waiting all week.",
    "I can see why that would be annoying.",
    "Being charged twice is stressful, and you shouldn't have to deal with it.",
    "You're right to expect the parcel by now.",
    "That's a fair question.",
    "I understand how inconvenient it is to be without internet while working from home.",
    "I can only imagine how devastating this must be for you.",
    "I understand, but our policy is clear on this.",
    "I can see from your notes that you already restarted the router, so no need to do that again.",
    "It makes sense that you want this sorted before the weekend.",
    "Losing a day of work over this is a real cost, I get that.",
    "I hear you.",
    "I totally understand.",
    "You shouldn't have to repeat yourself, I've read the whole thread.",
    "Missing a birthday delivery is really disappointing.",
    "I know you've been waiting since {d} for this.",
    "That must have been worrying when the payment failed.",
    "I get that it's annoying to explain this again.",
};

static const char *const en_thanks[] = {
    "Thanks for your patience while I looked into this.",
    "Thank you for reporting this.",
    "Thanks for letting us know.",
    "Thank you so much for bearing with us!",
    "Thanks for flagging it so quickly.",
    "Thanks for the extra details.",
    "thx for the info",
    "Thank you for your understanding.",
    "Thanks for the screenshots, they show exactly what went wrong.",
};

static const char *const en_action[] = {
    "I've sent a new password reset link to your email.",
    "I've refunded the duplicate charge of {p} to your card.",
    "I just checked and your parcel left our warehouse this morning.",
    "I've escalated the ticket to our delivery team and marked it urgent.",
    "I have reset your router remotely.",
    "I've updated the address on order #{n}.",
    "I already cancelled the second subscription so you won't be billed again.",
    "I've added a note to your account so nobody asks you for this again.",
    "I reissued the voucher; the new code is in your inbox.",
    "I've re-sent the invoice to the address you gave me.",
    "I went ahead and unlocked your account.",
    "I've booked a technician for {d} morning.",
    "I've applied a {k}% discount to your next bill.",
    "I checked the logs and found the failed payment at {t}.",
    "I've merged your two accounts into one.",
    "I've switched your plan back to monthly as you asked.",
    "I have chased the courier and they confirmed the new slot.",
    "I've issued a replacement and it ships {d}.",
    "I've cleared the error on your account, so you can log in now.",
    "I fixed the typo in your billing name.",
    "Ive sent it again to your work email.",
    "I've cancelled order #{n} and the money is on its way back.",
    "I've raised this with our payments team as a priority.",
};

static const char *const en_commit[] = {
    "I'll call you back by {t} today with an update.",
    "I will email you the tracking number within {h} hours.",
    "I'll check with the warehouse and get back to you by {d}.",
    "I'll keep an eye on it and message you as soon as it moves.",
    "I will personally follow up tomorrow morning.",
    "I'll send you the refund confirmation by end of day.",
    "I'll update this ticket before {t}.",
    "I'll ring the courier right after this chat and let you know what they say.",
    "I'm going to test the fix on your account tonight and confirm by {d}.",
    "I'll make sure the technician calls you 30 minutes before arriving.",
    "Ill get back to you asap.",
    "I'll look into it.",
    "We will get this sorted for you.",
    "I'll keep you posted on every step.",
    "I'll stay on this until it's resolved.",
    "I'll reply here by {t} even if there is no news yet.",
    "I'll send the new label within the hour.",
    "I'll check again on {d} and write to you either way.",
};

static const char *const en_next[] = {
    "The refund usually shows on your statement in 3 to 5 working days.",
    "Next, the courier will text you a delivery window on the morning of delivery.",
    "Once the payment clears, the order will ship automatically.",
    "After that you'll get an email with a link to pick a new time.",
    "Here's what happens next: our billing team reviews it and the credit appears on your next invoice.",
    "The technician will bring a replacement modem, so you won't need to go to the store.",
    "When the new card arrives, the old one stops working.",
    "You'll receive a confirmation SMS within a few minutes.",
    "From here, the claim goes to our partner and they decide within 10 days.",
    "Nothing else is needed from you for now.",
};

static const char *const en_alt[] = {
    "What I can do is send a replacement today instead of waiting for the return.",
    "Instead, I can offer store credit that you can use right away.",
    "If that time doesn't work, I can book you an evening slot.",
    "As a workaround, you can export the file as CSV and import it again.",
    "Another option is to pick it up from the Main Street store, which has it in stock.",
    "I can't change the price, but I can add free express shipping.",
    "If you'd prefer, I can switch you to the annual plan at the same monthly rate.",
    "In the meantime you can use the web version, which isn't affected.",
};

static const char *const en_question[] = {
    "Could you tell me the order number so I can find it?",
    "What were you hoping to use the export for?",
    "Which device are you seeing the error on?",
    "Can you send me a screenshot of the message?",
    "When did you last see it working?",
    "Is the light on the router green or orange?",
    "Do you still have the confirmation email?",
    "Would a call or an email work better for you?",
    "Is this the same card that was charged twice?",
    "what browser r u using?",
    "Did the app update itself recently?",
    "What time suits you for the technician?",
    "Is {d} okay for you?",
};

static const char *const en_explain[] = {
    "This happened because the payment was retried after a timeout.",
    "The reason is that the warehouse system did not pick up the address change.",
    "That was our mistake, not yours.",
    "I don't know yet why the order was split, but I'm finding out.",
    "I'm not sure yet when the part arrives, and I don't want to guess.",
    "The delay is due to a backlog at the customs office.",
    "It was a bug in last week's update and it's fixed now.",
    "Honestly, it looks like the courier marked it delivered by mistake.",
    "We got this wrong, and I can see exactly where.",
};

static const char *const en_risky[] = {
    "I can't promise a date for the feature, but I've passed your request on.",
    "I'm not able to refund the annual fee after 30 days.",
    "We don't have that model in stock.",
    "That's not possible with your current plan.",
    "That's not my department.",
    "There's nothing I can do about it.",
    "Please calm down.",
    "It's just a small delay.",
    "These things happen.",
    "This will definitely never happen again.",
    "It's 100% fixed now.",
    "You should have read the terms before ordering.",
    "It looks like user error.",
    "The SLA for L2 tickets is 72h.",
    "Our backend had a sync issue with the CRM.",
    "You'll have to contact the bank yourself.",
    "You must reinstall the app first.",
    "Great idea, they'll add it soon!",
    "I'll transfer you to the billing team now.",
    "Let me connect you with a specialist who handles refunds, and I'll stay on the chat until they join.",
    "Please keep this conversation respectful.",
    "I'm going to end this chat now.",
    "Before you go, are you sure you want to cancel?",
    "I can probably sort it today.",
    "It will arrive tomorrow for sure.",
    "We value you as a customer.",
};

static const char *const en_filler[] = {
    "Just to confirm, you're on the Pro plan, right?",
    "Okay so basically",
    "No worries at all.",
    "Sure thing!",
    "ok",
    "As mentioned earlier,",
    "Also, quick heads up:",
    "Let me just double check something.",
    "One sec.",
    "Right, so.",
};

static const char *const en_close[] = {
    "Let me know if there's anything else.",
    "Hope this helps!",
    "Have a great day :)",
    "Best regards, Sam",
    "Cheers,",
    "Thanks again,",
    "Kind regards, the support team",
    "Anything else I can help with today?",
    "Talk soon!",
    "Take care, {m}.",
};

/* ---- Persian ------------------------------------------------------------- */

static const char *const fa_names[] = {"سارا", "علی", "مریم", "رضا",
                                       "نگار", "امیر", "زهرا", "حسین"};
static const char *const fa_times[] = {"3", "11", "4:30", "12", "5",
                                       "9", "10:15", "2"};
static const char *const fa_days[] = {"فردا", "شنبه", "پس‌فردا", "سه‌شنبه",
                                      "آخر هفته", "امروز", "چهارشنبه",
                                      "دوشنبه"};
#define N_FA_NAMES (sizeof fa_names / sizeof fa_names[0])
#define N_FA_TIMES (sizeof fa_times / sizeof fa_times[0])
#define N_FA_DAYS (sizeof fa_days / sizeof fa_days[0])

static const char *const fa_open[] = {
    "سلام {m} عزیز،", "سلام، وقت|تون بخیر.", "سلام {m} جان،", "درود،",
    "سلام، ممنون که پیام دادید.", "سلام {m}، سارا هستم از پشتیبانی.",
    "سلام مجدد،", "وقت بخیر {m}،", "مشتری گرامی،", "سلام",
};

static const char *const fa_apology[] = {
    "بابت تاخیر در سفارش {n} واقعا متاسفم.",
    "متأسفم که این اتفاق افتاد.",
    "ببخشید بابت این مشکل.",
    "عذر می|خوام که مجبور شدید چند بار پیگیری کنید.",
    "از اینکه منتظر موندید عذرخواهی می|کنم.",
    "بابت هرگونه ناراحتی پوزش می|طلبیم.",
    "شرمنده|ام، اشتباه از طرف ما بود.",
    "ببخشید اگه توضیحاتم گنگ بود.",
    "متاسفم که این|طور فکر می|کنید.",
    "خیلی خیلی عذر می|خوام، ما واقعا بی|عرضه|ایم.",
    "ببخشید دیر جواب دادم.",
    "متاسفم، دیروز تاریخ رو اشتباه بهتون گفتم.",
    "واقعا شرمنده|ایم.",
    "ببخشيد بابت معطلی.",
};

static const char *const fa_feel[] = {
    "می|فهمم که چقدر کلافه|کننده|ست، مخصوصا بعد از یک هفته انتظار.",
    "حق دارید ناراحت باشید.",
    "دو بار کسر شدن پول واقعا استرس داره.",
    "سوال بجاییه.",
    "درک می|کنم که بدون اینترنت کار کردن از خونه سخته.",
    "نمی|تونم تصور کنم چقدر براتون وحشتناک بوده.",
    "متوجه|ام، ولی قانون ما همینه.",
    "دیدم که مودم رو قبلا ریستارت کردید، لازم نیست دوباره انجامش بدید.",
    "حق با شماست، باید تا الان می|رسید.",
    "یه روز کاری از دست دادن هزینه داره، کاملا درک می|کنم.",
    "کاملا متوجه|ام.",
    "می|دونم از {d} منتظر این بسته هستید.",
    "نرسیدن هدیه تولد واقعا ناراحت|کننده|ست.",
    "لازم نیست دوباره توضیح بدید، کل پیام|ها رو خوندم.",
};

static const char *const fa_thanks[] = {
    "ممنون از صبر و حوصله|تون.",
    "مرسی که خبر دادید.",
    "ممنون بابت گزارش این مشکل.",
    "سپاس از همراهی|تون.",
    "ممنون که اسکرین|شات فرستادید.",
    "مرسی از توضیحات کامل|تون.",
    "ممنونم از صبوری|تون 🙏",
};

static const char *const fa_action[] = {
    "لینک بازیابی رمز رو به ایمیل|تون فرستادم.",
    "مبلغ اضافه ({p} تومان) رو به کارت|تون برگردوندم.",
    "الان چک کردم، بسته امروز صبح از انبار خارج شد.",
    "تیکت رو به تیم ارسال ارجاع دادم و فوری علامت زدم.",
    "آدرس سفارش {n} رو اصلاح کردم.",
    "اشتراک دوم رو لغو کردم که دیگه ازتون کسر نشه.",
    "یه یادداشت تو پرونده|تون گذاشتم که دیگه کسی این رو ازتون نپرسه.",
    "کد تخفیف جدید رو براتون صادر کردم.",
    "فاکتور رو دوباره براتون ایمیل کردم.",
    "حساب|تون رو از حالت مسدود خارج کردم.",
    "برای {d} یک تکنسین براتون رزرو کردم.",
    "{k} درصد تخفیف روی قبض بعدی|تون اعمال کردم.",
    "لاگ|ها رو بررسی کردم و پرداخت ناموفق ساعت {t} رو پیدا کردم.",
    "با پیک تماس گرفتم و زمان جدید رو تایید کردن.",
    "یه کالای جایگزین ثبت کردم که {d} ارسال میشه.",
    "خطای حساب|تون رو برطرف کردم، الان می|تونید وارد بشید.",
    "پیام|تون رو به همکارم در واحد مالی دادم.",
    "سفارش {n} رو لغو کردم و پول در راه برگشته.",
    "موضوع رو با اولویت بالا به تیم پرداخت گزارش دادم.",
};

static const char *const fa_commit[] = {
    "تا ساعت {t} امروز باهاتون تماس می|گیرم.",
    "کد رهگیری رو تا {h} ساعت دیگه براتون می|فرستم.",
    "با انبار چک می|کنم و تا {d} خبرتون می|کنم.",
    "خودم پیگیری می|کنم و به محض تغییر وضعیت بهتون پیام میدم.",
    "فردا صبح خودم پیگیری می|کنم.",
    "تایید بازپرداخت رو تا آخر وقت امروز براتون می|فرستم.",
    "قبل از ساعت {t} این تیکت رو به|روز می|کنم.",
    "بعد از این چت به پیک زنگ می|زنم و نتیجه رو بهتون میگم.",
    "بررسی می|کنم.",
    "حتما درستش می|کنیم.",
    "در جریان می|ذارمتون.",
    "تا حل شدن مشکل کنارتون هستم.",
    "تا {d} براتون می|فرستم.",
    "{d} دوباره چک می|کنم و در هر صورت بهتون خبر میدم.",
};

static const char *const fa_next[] = {
    "بازپرداخت معمولا ظرف ۳ تا ۵ روز کاری به حساب|تون می|نشینه.",
    "مرحله بعد، پیک صبح روز تحویل بازه زمانی رو پیامک می|کنه.",
    "وقتی پرداخت تایید بشه، سفارش خودکار ارسال میشه.",
    "بعدش یه ایمیل می|گیرید که می|تونید زمان جدید انتخاب کنید.",
    "تکنسین مودم جدید میاره، پس لازم نیست به فروشگاه برید.",
    "تا چند دقیقه دیگه پیامک تایید براتون میاد.",
    "فعلا کار دیگه|ای لازم نیست انجام بدید.",
};

static const char *const fa_alt[] = {
    "کاری که می|تونم بکنم اینه که همین امروز کالای جایگزین بفرستم.",
    "به جاش می|تونم اعتبار خرید بدم که همین الان قابل استفاده|ست.",
    "اگه این ساعت مناسب نیست، یه وقت عصر براتون رزرو می|کنم.",
    "یه راه دیگه اینه که از شعبه ونک تحویل بگیرید.",
    "قیمت رو نمی|تونم تغییر بدم، ولی ارسال فوری رو رایگان می|کنم.",
    "تا اون موقع می|تونید از نسخه وب استفاده کنید.",
};

static const char *const fa_question[] = {
    "میشه شماره سفارش رو بفرمایید؟",
    "این خروجی رو برای چه کاری لازم دارید؟",
    "روی کدوم دستگاه این خطا رو می|بینید؟",
    "میشه یه اسکرین|شات از پیام خطا بفرستید؟",
    "آخرین بار کی درست کار می|کرد؟",
    "چراغ مودم سبزه یا نارنجی؟",
    "ایمیل تایید سفارش رو هنوز دارید؟",
    "تماس تلفنی براتون بهتره یا ایمیل؟",
    "همون کارتیه که دو بار ازش کسر شده؟",
    "اپ اخیرا آپدیت شده؟",
    "{d} براتون مناسبه؟",
};

static const char *const fa_explain[] = {
    "این اتفاق افتاد چون پرداخت بعد از قطعی دوباره تکرار شد.",
    "دلیلش اینه که سیستم انبار تغییر آدرس رو ثبت نکرده بود.",
    "اشتباه از طرف ما بود، نه شما.",
    "هنوز نمی|دونم چرا سفارش دو قسمت شده، ولی دارم پیگیری می|کنم.",
    "تاخیر به خاطر شلوغی گمرکه.",
    "یه باگ تو آپدیت هفته پیش بود که الان رفع شده.",
    "راستش به نظر میاد پیک اشتباهی تحویل|شده زده.",
};

static const char *const fa_risky[] = {
    "نمی|تونم قول بدم این قابلیت کی اضافه میشه، ولی درخواست|تون رو ثبت کردم.",
    "بعد از ۳۰ روز امکان بازگشت وجه اشتراک سالانه رو ندارم.",
    "این مدل رو موجود نداریم.",
    "با طرح فعلی|تون امکان|پذیر نیست.",
    "این به واحد ما مربوط نیست.",
    "هیچ کاری نمی|شه کرد.",
    "لطفا آروم باشید.",
    "فقط یه تاخیر کوچیکه.",
    "این چیزها پیش میاد.",
    "قطعا دیگه تکرار نمیشه.",
    "صد در صد درست شده.",
    "باید قبل از سفارش قوانین رو می|خوندید.",
    "SLA تیکت|های L2 هفتاد و دو ساعته.",
    "خودتون باید با بانک تماس بگیرید.",
    "ایده عالیه، حتما اضافه|اش می|کنن!",
    "الان وصل|تون می|کنم به واحد مالی.",
    "شما رو به همکارم در بخش بازگشت وجه وصل می|کنم و تا وقتی بیاد همین|جا هستم.",
    "لطفا احترام رو رعایت کنید.",
    "مطمئنید که می|خواید لغو کنید؟",
    "احتمالا امروز درست میشه.",
    "شاید تا فردا برسه.",
    "مشکل از بک|اند بود.",
};

static const char *const fa_filler[] = {
    "فقط برای اطمینان، طرح شما طلاییه درسته؟",
    "خواهش می|کنم.",
    "حتما!",
    "همون|طور که قبلا گفتم،",
    "در ضمن،",
    "یه لحظه اجازه بدید چک کنم.",
    "خب،",
};

static const char *const fa_close[] = {
    "اگه سوال دیگه|ای داشتید در خدمتم.",
    "امیدوارم مفید بوده باشه!",
    "روز خوبی داشته باشید 🙏",
    "با احترام، سارا",
    "باز هم ممنون،",
    "کار دیگه|ای هست که براتون انجام بدم؟",
    "فعلا خدانگهدار.",
    "مراقب خودتون باشید {m} جان.",
};

static const frag_list en_frags[F_NCAT] = {
    FRAGS(en_open), FRAGS(en_apology), FRAGS(en_feel), FRAGS(en_thanks),
    FRAGS(en_action), FRAGS(en_commit), FRAGS(en_next), FRAGS(en_alt),
    FRAGS(en_question), FRAGS(en_explain), FRAGS(en_risky),
    FRAGS(en_filler), FRAGS(en_close),
};

static const frag_list fa_frags[F_NCAT] = {
    FRAGS(fa_open), FRAGS(fa_apology), FRAGS(fa_feel), FRAGS(fa_thanks),
    FRAGS(fa_action), FRAGS(fa_commit), FRAGS(fa_next), FRAGS(fa_alt),
    FRAGS(fa_question), FRAGS(fa_explain), FRAGS(fa_risky),
    FRAGS(fa_filler), FRAGS(fa_close),
};

#endif
